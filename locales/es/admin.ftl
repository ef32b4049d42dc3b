## La configuración de la ciudad (/admin/city) y las cuentas de las personas (/admin/users).

admin-city-link = Configuración de la ciudad
admin-city-title = Configuración de la ciudad
admin-city-intro = El nombre, la descripción, el reloj, el idioma y el contacto de la ciudad, tal como los muestran todas las páginas. Cada cambio queda registrado abajo con quién lo hizo.
admin-city-name = Nombre de la ciudad
admin-city-description = Descripción
admin-city-description-hint = Unas frases sobre la ciudad, mostradas en su página pública (opcional).
admin-city-timezone-hint = El reloj de la ciudad, por su nombre IANA, por ejemplo America/Mexico_City o America/Los_Angeles. Todas las horas del sitio lo siguen.
admin-city-contact = Contacto
admin-city-contact-hint = Cómo se comunica la gente con la administración: un correo electrónico o una dirección web que empiece con https:// (opcional).
admin-city-save = Guardar la configuración
admin-city-history = Últimos cambios
admin-city-history-empty = La configuración no ha cambiado desde que se configuró la ciudad.
admin-city-value-none = (nada)
admin-city-change = { $actor } cambió { $field ->
    [name] el nombre
    [description] la descripción
    [timezone] la zona horaria
    [default_locale] el idioma predeterminado
    [contact] el contacto
    [settlement_terms] las condiciones de reembolso
   *[other] un ajuste
}
city-description = Acerca de la ciudad
city-contact = Contacto

admin-users-link = Cuentas de las personas
admin-users-title = Cuentas de las personas
admin-users-intro = Busque una cuenta por nombre de usuario o correo electrónico, suspéndala con un motivo o restáurela, y elija quién administra la ciudad. Cada acción queda registrada abajo.
admin-users-search = El nombre de usuario o el correo contiene
admin-users-search-submit = Buscar
admin-users-count = { $count ->
    [0] Ninguna cuenta coincide.
    [one] Una cuenta.
   *[other] { $count } cuentas.
}
admin-users-empty = Ninguna cuenta coincide con esta búsqueda.
admin-users-pages = Páginas de cuentas
admin-users-state = { $state ->
    [active] Activa
    [unverified] Correo electrónico aún sin confirmar
    [suspended] Suspendida
   *[other] Estado desconocido
}
admin-users-admin = Administrador
admin-users-since = Se unió el { $date }
admin-users-suspended-at = Suspendida el { $date }
admin-users-reason = Motivo de la suspensión (el registro lo conserva)
admin-users-suspend = Suspender a { $username }
admin-users-restore = Restaurar a { $username }
admin-users-grant = Nombrar administrador a { $username }
admin-users-revoke = Quitar a { $username } como administrador
admin-users-actions = Últimas acciones sobre cuentas
admin-users-actions-empty = Aún no se ha suspendido, restaurado ni cambiado el rol de ninguna cuenta.
admin-users-action = { $action ->
    [suspended] { $actor } suspendió a { $username }
    [restored] { $actor } restauró a { $username }
    [admin-granted] { $actor } nombró administrador a { $username }
    [admin-revoked] { $actor } quitó a { $username } como administrador
    [resident-verified] { $actor } verificó a { $username } como residente
    [resident-self-verified] { $username } se verificó como residente (código por carta, padrón o servicio de identidad)
    [resident-verification-revoked] { $actor } revocó la verificación de residente de { $username }
    [identity-conflict] { $actor } registró para { $username } un documento que tiene otra cuenta
    [identity-conflict-resolved] { $actor } decidió sobre un documento que presentó { $username }
   *[other] { $actor } cambió la cuenta de { $username }
}

error-contact-invalid = Indique un correo electrónico (nombre@ejemplo.org) o una dirección web que empiece con https://.
error-last-admin = La ciudad necesita al menos un administrador activo. Primero nombre administrador a otra persona.
error-suspend-self = No puede suspender su propia cuenta.
error-account-suspended = Esta cuenta está suspendida. Comuníquese con la administración de la ciudad para saber más.
