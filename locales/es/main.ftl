## Diseño
nav-skip = Saltar al contenido principal
nav-label = Principal
nav-home = Inicio
nav-city = Acerca de la ciudad
nav-settings = Configuración
nav-login = Iniciar sesión
nav-signup = Crear una cuenta
nav-logout = Cerrar sesión ({ $username })
language-label = Idioma
language-switch = Cambiar
footer-text = City/Sync — infraestructura cívica abierta. Todo lo público está a la vista.
banner-unverified = Confirme su correo electrónico: mientras tanto puede consultar, pero no participar.
banner-unverified-resend = Enviar de nuevo el enlace de confirmación

## Inicio y ciudad
home-intro = { $city } organiza su trabajo cívico en City/Sync: encuentre tareas que ayudan a su colonia, realícelas y gane crédito local y voz en lo que decide la ciudad.
home-region = Región: { $region }
home-welcome = Bienvenido de nuevo, { $username }.
home-not-configured = Esta ciudad aún no está configurada. Su administrador encuentra el enlace de configuración de un solo uso en el registro del servidor.
home-what-title = Cómo funciona
home-what-tasks = Las organizaciones publican tareas cívicas; los residentes se inscriben, las realizan y envían el comprobante.
home-what-credit = El trabajo verificado otorga crédito CITY, que se usa en comercios y servicios locales.
home-what-vote = El trabajo verificado también otorga VOTE, su peso en las decisiones de la ciudad.
home-what-federation = Las ciudades comparten entre sí lo que funciona; el crédito de cada ciudad se queda en casa.
city-title = Acerca de { $city }
city-handle = Dirección de federación
city-federation-intro = Otras ciudades pueden seguir a esta ciudad para ver sus tareas, programas y decisiones.
profile-intro = Residente de esta ciudad en City/Sync.

## Formularios
field-username = Nombre de usuario
field-username-hint = De 3 a 30 caracteres: letras minúsculas, números y guiones bajos. Es público.
field-email = Correo electrónico
field-password = Contraseña
field-password-hint = Al menos 10 caracteres, difícil de adivinar: varias palabras sin relación funcionan bien. Cualquier carácter, incluidos espacios.
field-password-confirm = Repita la contraseña
field-current-password = Contraseña actual
field-new-password = Contraseña nueva

## Primera ejecución
setup-title = Configure su ciudad
setup-intro = Dé nombre a la ciudad y cree su primer administrador. Esta página funciona una sola vez.
setup-city-legend = La ciudad
setup-city-name = Nombre de la ciudad
setup-region = Región
setup-region-hint = Por ejemplo: Ciudad de México, México
setup-default-locale = Idioma predeterminado
setup-timezone = Zona horaria
setup-timezone-hint = Un nombre de zona horaria IANA, por ejemplo America/Mexico_City o America/Los_Angeles
setup-admin-legend = El primer administrador
setup-submit = Crear la ciudad

## Cuentas
signup-title = Crear una cuenta
signup-intro = Únase a { $city } en City/Sync. Le enviaremos un enlace para confirmar su correo electrónico.
signup-submit = Crear cuenta
signup-have-account = ¿Ya tiene una cuenta?
signup-sent-title = Revise su correo
signup-sent-body = Si la dirección puede usarse, va en camino un mensaje con un enlace de confirmación. El enlace es válido durante 24 horas.
verify-title = Confirme su correo electrónico
verify-intro = Presione el botón para confirmar su correo electrónico.
verify-submit = Confirmar mi correo electrónico
verify-done-title = Correo electrónico confirmado
verify-done-body = Gracias. Ya puede iniciar sesión y participar.
resend-title = Enviar de nuevo el enlace de confirmación
resend-submit = Enviar el enlace
resend-sent-title = Revise su correo
resend-sent-body = Si una cuenta sin confirmar usa esta dirección, va en camino un enlace nuevo.
login-title = Iniciar sesión
login-submit = Iniciar sesión
login-forgot = ¿Olvidó su contraseña?
login-email-link = ¿No puede entrar? Envíenme un enlace de acceso de un solo uso
login-link-title = Entrar con un enlace por correo
login-link-intro = Le enviamos a su dirección un enlace que le permite entrar una vez, sin su contraseña, durante 15 minutos. También sirve mientras el acceso con contraseña está en pausa tras demasiados intentos fallidos.
login-link-submit = Envíenme un enlace de acceso
login-link-sent-title = Revise su correo
login-link-sent-body = Si una cuenta usa esta dirección, va en camino un enlace de acceso. Sirve una sola vez, durante 15 minutos.
login-link-use-title = Iniciar sesión
login-link-use-intro = Este enlace le permite entrar una sola vez. Este navegador se recordará como uno de sus dispositivos.
login-link-use-submit = Iniciar sesión
forgot-title = Restablecer su contraseña
forgot-intro = Escriba su correo electrónico y le enviaremos un enlace para elegir una contraseña nueva.
forgot-submit = Enviar el enlace
forgot-sent-title = Revise su correo
forgot-sent-body = Si una cuenta usa esta dirección, va en camino un enlace para restablecerla. Es válido durante una hora.
reset-title = Elija una contraseña nueva
reset-submit = Guardar la contraseña nueva
reset-done-title = Contraseña cambiada
reset-done-body = Su contraseña nueva quedó guardada y se cerraron todas sus sesiones. Inicie sesión con la contraseña nueva.
settings-title = Configuración
settings-language-title = Idioma
settings-language-intro = El idioma de las páginas y los correos.
settings-language-save = Guardar idioma
settings-password-title = Contraseña
settings-password-save = Cambiar contraseña
settings-password-saved = Su contraseña cambió. Se cerraron sus otras sesiones y los accesos de aplicaciones.

## Errores
error-title = Error { $status }
error-request-id = Identificador de la solicitud: { $id } (compártalo con el soporte de la ciudad si pide ayuda)
error-username-invalid = Use de 3 a 30 caracteres: letras minúsculas, números y guiones bajos.
error-username-reserved = Este nombre de usuario está reservado. Elija otro.
error-username-taken = Este nombre de usuario ya está en uso. Elija otro.
error-email-invalid = Escriba un correo electrónico como nombre@ejemplo.mx.
error-password-too-short = La contraseña debe tener al menos { $min } caracteres.
error-password-too-long = La contraseña es demasiado larga.
error-passwords-differ = Las dos contraseñas son diferentes.
error-password-weak = Esta contraseña es demasiado fácil de adivinar: { $reason ->
        [personal] está hecha de su nombre de usuario, su correo electrónico o el nombre de la ciudad.
        [repeat] las repeticiones como «aaaa» o «abcabc» no añaden casi nada.
        [common] es una de las contraseñas más usadas.
        [pattern] las secuencias y filas del teclado como «abcd» o «qwerty» se prueban primero.
        [date] las fechas y los años se prueban primero.
        [word] una sola palabra o un nombre se prueban primero.
       *[other] se encontraría rápidamente.
    } Use varias palabras sin relación entre sí, por ejemplo una frase corta que solo usted escribiría.
error-current-password-wrong = La contraseña actual no es correcta.
error-scope-unknown = Permiso desconocido: { $scope }
error-required = Complete este campo ({ $field }).
error-too-long = Este campo es demasiado largo ({ $field }).
error-unavailable = El servicio no está disponible por un momento. Intente de nuevo en unos instantes.
error-internal = Algo salió mal de nuestro lado. Intente de nuevo.
error-not-found = Esta página no existe.
error-forbidden = No tiene permiso para hacer esto, o el formulario caducó. Regrese, recargue la página e intente de nuevo.
error-unauthenticated = Inicie sesión primero.
error-not-verified = Confirme primero su correo electrónico.
error-bad-credentials = El correo electrónico o la contraseña no son correctos.
error-throttled = Demasiados intentos. Espere { $minutes } minutos e intente de nuevo.
error-invalid-link = Este enlace no es válido o ya caducó. Puede pedir uno nuevo.
error-setup-token-invalid = Este enlace de configuración no es válido. Use el enlace que aparece en el registro del servidor.
error-already-set-up = Esta ciudad ya está configurada.
error-locale-unsupported = Este idioma no está disponible.
error-timezone-invalid = Zona horaria desconocida. Use un nombre como America/Mexico_City.
error-bad-request = No se pudo entender la solicitud.
error-method-not-allowed = Esta dirección no acepta ese tipo de solicitud.
error-timeout = La solicitud tardó demasiado.
error-payload-too-large = Lo que envió es demasiado grande.
error-unsupported-media-type = Aquí no se acepta este tipo de contenido.
error-insufficient-scope = El acceso de esta aplicación no incluye el permiso "{ $scope }".
error-token-in-query = Envíe el token de acceso en el encabezado Authorization, nunca en la dirección.
error-transition-refused = Esto no se puede hacer ahora: su estado es { $state }.
error-state-unknown = No se reconoce el estado guardado.

## Instantes en el reloj de la ciudad, como los escribe este idioma (patrones strftime de chrono).
moment-date-time = %a %-d %b %Y, %H:%M
moment-date = %a %-d %b %Y
moment-time = %H:%M
# The city's clock named near time fields, e.g. "Berkeley time (PST)".
zone-label = Hora de { $city } ({ $zone })
