## Niveles de identidad (issue 25): la ventanilla de registro, la página de administración, los errores

error-identifier-invalid = Revise el identificador del documento: una CURP tiene 18 letras y dígitos en su forma oficial; un número de documento tiene de 4 a 32 letras y dígitos.
error-identifier-held = Otra cuenta ya tiene este documento. La verificación se rechazó y el caso pasó a la administración de la ciudad.
error-already-resident-verified = Esta persona ya está verificada con otro documento.
error-resident-verification-needed = Para votar se necesita la verificación de residente: muestre un documento de identidad en una ventanilla de registro (una biblioteca o una oficina de la ciudad).
error-identity-already-decided = Esta verificación ya se revocó, o este caso ya se decidió. La página muestra ahora cómo están las cosas.

identity-level = { $level ->
    [resident] Residente verificado
    [email] Correo confirmado
   *[none] Correo aún sin confirmar
}
identity-document-kind = { $kind ->
    [curp] CURP
    [address] Domicilio postal
    [provider_subject] Cuenta del servicio de identidad
   *[document_number] Número de documento
}
identity-method = { $method ->
    [letter_code] Código por carta, enviado a su domicilio
    [registry] El padrón de la ciudad
    [openid_connect] Inicio de sesión con el servicio de identidad
   *[in_person] En persona, en una ventanilla de registro
}

registrar-link = Ventanilla de registro
registrar-title = Ventanilla de registro de { $name }
registrar-intro = Revise en persona el documento de identidad de la persona y escriba su nombre de usuario y el identificador del documento. Solo se guarda una huella con clave del identificador, nunca el identificador.
registrar-who = Nombre de usuario de la persona
registrar-kind = Documento
registrar-identifier = Identificador del documento
registrar-identifier-hint = Los espacios y guiones no importan.
registrar-submit = Verificar como residente
registrar-verified = { $username } ya tiene la verificación de residente.
registrar-already = { $username } ya tenía la verificación de residente con este documento: nada cambió.

admin-identity-link = Verificaciones de residentes
admin-identity-title = Verificaciones de residentes
admin-identity-intro = Las personas registradoras verifican a residentes en sus ventanillas. Un documento presentado para una segunda cuenta se rechaza y espera aquí su decisión.
admin-identity-conflicts = Verificaciones rechazadas
admin-identity-conflicts-empty = Ninguna verificación rechazada espera una decisión.
admin-identity-conflict = { $method ->
    [in_person] { $username } presentó un documento que ya tiene { $holder } ({ $kind }), en { $organization }, con { $registrar }.
   *[other] { $username } presentó un documento que ya tiene { $holder } ({ $kind }), por { $method_name }.
}
admin-identity-dismiss = Dejarlo con { $holder }
admin-identity-transfer = Pasarlo a { $username }
admin-identity-active = Verificaciones activas
admin-identity-active-empty = Todavía nadie está verificado como residente.
admin-identity-verified-line = { $method ->
    [in_person] { $username }: { $kind }, verificado por { $registrar } en { $organization }
   *[other] { $username }: { $kind }, por { $method_name }
}
admin-identity-reason = Motivo
admin-identity-revoke = Revocar
admin-identity-revoke-before = Revocar todas las verificaciones otorgadas antes de una fecha
admin-identity-before = Otorgadas antes de (fecha, { $timezone })
admin-identity-before-invalid = Escriba la fecha como año-mes-día, por ejemplo 2026-12-31.
admin-identity-revoke-all = Revocarlas
admin-identity-revoked = { $count ->
    [one] Se revocó una verificación.
   *[other] Se revocaron { $count } verificaciones.
}
admin-identity-done = Hecho.

settings-identity-level = Nivel de identidad

## Otras formas de verificar residentes: códigos por carta, el padrón de la ciudad, OpenID Connect

error-address-invalid = Cada línea debe ser un domicilio postal, de 5 a 200 letras y dígitos.
error-verification-method-off = La ciudad no ofrece esta forma de verificar residentes.
error-verification-method-not-configured = Esta forma necesita primero la configuración del servidor (la sección [identity] del archivo de configuración).
error-letter-code-invalid = Este código no es válido: compárelo con su carta. Un código sirve una sola vez, hasta la fecha impresa en la carta.
error-registry-no-match = El padrón de la ciudad no conoce este documento (o esta fecha de nacimiento). Revise lo que escribió, o verifíquese como residente en una ventanilla de registro.
error-registry-unavailable = El padrón de la ciudad no respondió. Nada cambió: inténtelo más tarde, o use otra forma de abajo.
error-identity-provider-unavailable = No se pudo contactar al servicio de identidad. Nada cambió: inténtelo más tarde, o use otra forma de abajo.
error-identity-provider-refused = No se pudo usar la respuesta del servicio de identidad (el inicio de sesión se canceló, caducó, se inició desde otra cuenta o no traía su identificador). Nada cambió: empiece de nuevo.

identity-methods-link = Formas de verificarse como residente
identity-methods-title = Verificarse como residente
identity-methods-intro = Algunas acciones de la ciudad necesitan la verificación de residente. Elija una de estas formas; solo se guarda una huella con clave de su identificador, nunca el identificador.
identity-methods-done = Ya tiene la verificación de residente. No hace falta nada más.
identity-methods-email-first = Primero confirme su correo electrónico: el enlace está en el mensaje que le enviamos.
identity-methods-verified = Ya tiene la verificación de residente.
identity-methods-already = Ya tenía la verificación de residente con este identificador: nada cambió.
identity-methods-letter-intro = Si la ciudad le envió una carta con un código, escríbalo aquí. Cada código verifica una cuenta por domicilio.
identity-methods-code = Código de la carta
identity-methods-code-hint = Como ABCD-EFGH-JKMN. Mayúsculas, espacios y guiones no importan.
identity-methods-code-submit = Verificar con este código
identity-methods-registry-intro = La ciudad revisa su documento con { $registry }. Lo que escriba se envía allí una vez, por una conexión cifrada.
identity-methods-birth-date = Fecha de nacimiento
identity-methods-registry-submit = Revisar con { $registry }
identity-methods-oidc-intro = Inicie sesión con { $provider }: irá a su sitio y volverá aquí.
identity-methods-oidc-submit = Verificar con { $provider }
identity-methods-desk-intro = O muestre un documento de identidad en una ventanilla de registro (una biblioteca o una oficina de la ciudad).
identity-methods-back = Volver a la configuración

admin-identity-methods = Formas en que residentes pueden verificarse
admin-identity-methods-intro = Una ventanilla de registro siempre es una forma. Active las otras que ofrece la ciudad.
admin-identity-method-unconfigured = { $method ->
    [registry] Primero defina url en [identity.registry] de la configuración del servidor.
    [openid_connect] Primero defina issuer, client_id y client_secret en [identity.oidc] de la configuración del servidor.
   *[other] No disponible en este servidor.
}
admin-identity-methods-save = Guardar
admin-identity-letters = Códigos por carta
admin-identity-letters-intro = { $count ->
    [one] Un código espera ser usado.
   *[other] { $count } códigos esperan ser usados.
} Cada código nuevo sirve una vez, para la cuenta que lo escriba primero; el domicilio se guarda solo como huella con clave.
admin-identity-addresses = Domicilios, uno por línea
admin-identity-addresses-hint = También puede pegar desde una hoja de cálculo: se lee su primera columna. Recibe un archivo CSV (domicilio, código, vencimiento) para imprimir y enviar: los códigos se muestran solo esta vez.
admin-identity-addresses-file = O un archivo CSV (el domicilio en la primera columna)
admin-identity-letter-days = Días de validez de los códigos (1 a 365)
admin-identity-letters-submit = Crear los códigos (CSV)
