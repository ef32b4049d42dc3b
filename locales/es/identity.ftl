## Niveles de identidad (issue 25): la ventanilla de registro, la página de administración, los errores

error-identifier-invalid = Revisa el identificador del documento: una CURP tiene 18 letras y dígitos en su forma oficial; un número de documento tiene de 4 a 32 letras y dígitos.
error-identifier-held = Otra cuenta ya tiene este documento. La verificación se rechazó y el caso pasó a la administración de la ciudad.
error-already-resident-verified = Esta persona ya está verificada con otro documento.
error-resident-verification-needed = Para votar se necesita la verificación de residente: muestra un documento de identidad en una ventanilla de registro (una biblioteca o una oficina de la ciudad).
error-identity-already-decided = Esta verificación ya se revocó, o este caso ya se decidió. La página muestra ahora cómo están las cosas.

identity-level = { $level ->
    [resident] Residente verificada
    [email] Correo verificado
   *[none] Correo aún sin verificar
}
identity-document-kind = { $kind ->
    [curp] CURP
   *[document_number] Número de documento
}
identity-method = { $method ->
   *[in_person] En persona, en una ventanilla de registro
}

registrar-link = Ventanilla de registro
registrar-title = Ventanilla de registro de { $name }
registrar-intro = Revisa en persona el documento de identidad de la persona y escribe su nombre de usuario y el identificador del documento. Solo se guarda una huella con clave del identificador, nunca el identificador.
registrar-who = Nombre de usuario de la persona
registrar-kind = Documento
registrar-identifier = Identificador del documento
registrar-identifier-hint = Los espacios y guiones no importan.
registrar-submit = Verificar como residente
registrar-verified = { $username } ya está verificada como residente.
registrar-already = { $username } ya estaba verificada con este documento: nada cambió.

admin-identity-link = Verificaciones de residentes
admin-identity-title = Verificaciones de residentes
admin-identity-intro = Las personas registradoras verifican a residentes en sus ventanillas. Un documento presentado para una segunda cuenta se rechaza y espera aquí tu decisión.
admin-identity-conflicts = Verificaciones rechazadas
admin-identity-conflicts-empty = Ninguna verificación rechazada espera una decisión.
admin-identity-conflict = { $username } presentó un documento que ya tiene { $holder } ({ $kind }), en { $organization }, con { $registrar }.
admin-identity-dismiss = Dejarlo con { $holder }
admin-identity-transfer = Pasarlo a { $username }
admin-identity-active = Verificaciones activas
admin-identity-active-empty = Todavía nadie está verificado como residente.
admin-identity-verified-line = { $username }: { $kind }, verificada por { $registrar } en { $organization }
admin-identity-reason = Motivo
admin-identity-revoke = Revocar
admin-identity-revoke-before = Revocar todas las verificaciones otorgadas antes de una fecha
admin-identity-before = Otorgadas antes de (fecha, { $timezone })
admin-identity-before-invalid = Escribe la fecha como año-mes-día, por ejemplo 2026-12-31.
admin-identity-revoke-all = Revocarlas
admin-identity-revoked = { $count ->
    [one] Se revocó una verificación.
   *[other] Se revocaron { $count } verificaciones.
}
admin-identity-done = Hecho.

settings-identity-level = Nivel de identidad
