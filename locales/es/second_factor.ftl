# El segundo factor (TOTP) y sus códigos de recuperación (issue 27).
error-second-factor-code-wrong = Ese código es incorrecto, ya venció o ya se usó. Escriba el código de 6 dígitos que muestra ahora su aplicación de autenticación, o uno de sus códigos de recuperación.
error-second-factor-required = Esto requiere un segundo factor. Configúrelo en su configuración (Configuración → Segundo factor) y vuelva a intentarlo.
error-second-factor-already-on = Esta cuenta ya tiene un segundo factor configurado.
error-second-factor-off = Esta cuenta no tiene un segundo factor configurado.

second-factor-title = Segundo factor
second-factor-intro = Un segundo factor protege su cuenta aunque alguien conozca su contraseña: después de la contraseña, también escribe un código de 6 dígitos de una aplicación de autenticación en su teléfono.
second-factor-required-title = Configure un segundo factor para continuar
second-factor-required-body = Esta ciudad pide un segundo factor a quienes la administran, son titulares de una organización, verifican trabajo, atienden un mostrador o registran residentes, porque esas cuentas pueden mover crédito. Configúrelo abajo; toma un minuto. Después volverá a la página que pidió.
second-factor-on = Esta cuenta tiene el segundo factor activado. { $left ->
    [one] Le queda un código de recuperación sin usar.
   *[other] Le quedan { $left } códigos de recuperación sin usar.
}
second-factor-enroll-title = Configure una aplicación de autenticación
second-factor-enroll-step-app = Instale una aplicación de autenticación en su teléfono si no tiene una (sirve cualquiera que admita códigos basados en el tiempo).
second-factor-enroll-step-scan = En la aplicación, agregue una cuenta y escanee este código QR, o escriba la clave que aparece debajo.
second-factor-enroll-step-code = Escriba el código de 6 dígitos que muestra la aplicación para confirmar.
second-factor-qr-title = Código QR para agregar esta cuenta a una aplicación de autenticación
second-factor-secret-label = Clave:
second-factor-secret-hint = Mantenga esta clave en privado. Solo se muestra hasta que confirme; después nadie, ni siquiera un administrador, puede volver a verla.
second-factor-field-code = Código de la aplicación
second-factor-field-code-hint = 6 dígitos; uno nuevo cada 30 segundos.
second-factor-field-code-or-recovery = Código de la aplicación o código de recuperación
second-factor-enroll-submit = Confirmar y activar
second-factor-regenerate-title = Nuevos códigos de recuperación
second-factor-regenerate-intro = Obtenga diez códigos de recuperación nuevos; los anteriores dejan de funcionar. Escriba un código actual de su aplicación.
second-factor-regenerate-submit = Generar códigos nuevos
second-factor-disable-title = Desactivar el segundo factor
second-factor-disable-intro = Escriba un código actual de su aplicación o un código de recuperación. Si esta ciudad exige un segundo factor para su función, las páginas del personal quedan cerradas hasta que vuelva a configurarlo.
second-factor-disable-submit = Desactivar
second-factor-back-to-settings = Volver a la configuración
second-factor-codes-title = Sus códigos de recuperación
second-factor-codes-once = Estos códigos se muestran solo esta vez. Guárdelos o imprímalos ahora y consérvelos en un lugar seguro.
second-factor-codes-intro = Si pierde su teléfono, cada código le permite iniciar sesión una vez en lugar de un código de la aplicación.
second-factor-codes-done = Ya los guardé
second-factor-consent-intro = Esta aplicación pide permisos que pueden mover crédito. Escriba un código de su aplicación de autenticación (o un código de recuperación) para permitirlo.

login-second-factor-title = Segundo factor
login-second-factor-intro = Está iniciando sesión como { $username }. Escriba el código de su aplicación de autenticación.
login-second-factor-hint = ¿Perdió su teléfono? Escriba uno de sus códigos de recuperación.
login-second-factor-submit = Iniciar sesión
login-second-factor-start-over = Empezar de nuevo
