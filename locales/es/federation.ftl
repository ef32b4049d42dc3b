## Páginas de federación: de otras ciudades, la página de federación del administrador, lo
## que siguen las organizaciones, el origen y las adopciones de una plantilla, el perfil público

## Navegación
fed-nav = Otras ciudades

## Palabras comunes
fed-kind-title = { $kind ->
    [template] Plantillas de tareas
    [opportunity] Oportunidades
    [proposal] Propuestas
    [attestation] Constancias de contribución
    [checkpoint] Puntos de control del libro contable
   *[other] { $kind }
}
fed-kind-one = { $kind ->
    [template] Plantilla de tarea
    [opportunity] Oportunidad
    [proposal] Propuesta
    [attestation] Constancia de contribución
    [checkpoint] Punto de control del libro contable
   *[other] { $kind }
}
fed-from = De { $domain }
fed-relayed-by = reenviado por { $domain }
fed-published = Publicado
fed-starts = Empieza
fed-untitled = (sin título)
fed-proof-verified = Firma comprobada
fed-proof-unverified = Firma no comprobada
fed-times-local = Horario: { $zone }.
fed-follow-state = { $state ->
    [requested] Solicitado, esperando la búsqueda
    [unresolved] No encontrado: revise la dirección
    [pending] Esperando su respuesta
    [accepted] Aceptado
    [rejected] Rechazado
   *[other] { $state }
}
fed-col-actor = Cuenta
fed-col-domain = Ciudad
fed-col-state = Estado
fed-col-since = Desde

## De otras ciudades
fed-title = De otras ciudades
fed-intro = Lo que han publicado las ciudades que esta ciudad sigue: sus plantillas de tareas, oportunidades, propuestas y contribuciones verificadas. Siguen siendo suyas; una organización de aquí puede adoptar una plantilla como borrador propio.
fed-kind-empty = Todavía no ha llegado nada de este tipo.
fed-see-all = { $kind ->
    [template] Todas las plantillas de tareas
    [opportunity] Todas las oportunidades
    [proposal] Todas las propuestas
    [attestation] Todas las constancias de contribución
   *[other] Todo: { $kind }
} de otras ciudades
fed-list-intro = Lo más reciente primero, como máximo { $limit }.
fed-back = De otras ciudades

## Un objeto
fed-object-deleted = Su ciudad lo eliminó. Lo recibido se conserva aquí tal como llegó.
fed-field-kind = Tipo
fed-field-origin = Ciudad de origen
fed-field-author = Publicado por
fed-field-starts = Empieza
fed-field-published = Publicado
fed-field-updated = Último cambio
fed-field-proof = Firma
fed-field-original = Original
fed-document-title = Tal como llegó
fed-document-intro = Los campos del documento que envió la otra ciudad, como texto simple.
fed-adopt-title = Adoptar esta plantilla
fed-adopt-intro = Adoptarla crea un borrador en el catálogo de su organización que indica de dónde viene. Puede cambiarlo antes de activarlo; al activarlo se avisa a la ciudad de origen.
fed-adopt-into = Adoptar en
fed-adopt-submit = Adoptar como borrador
fed-adopt-sign-in = Inicie sesión para adoptar esta plantilla
fed-adopt-no-organization = Solo las personas titulares y editoras de una organización emisora aprobada pueden adoptar plantillas.

## Administración
fed-admin-link = Federación con otras ciudades
fed-admin-title = Federación
fed-admin-intro = Qué ciudades sigue esta ciudad, quién la sigue, cómo van las entregas a cada servidor y qué dominios están bloqueados o permitidos.
fed-admin-handle = La dirección de esta ciudad para otras ciudades
fed-admin-actor = Su actor
fed-admin-mode = Modo de federación
fed-admin-mode-value = { $mode ->
    [allowlist] Lista de permitidos: solo los dominios permitidos de abajo
   *[open] Abierto: todo dominio que no esté bloqueado
}
fed-admin-mode-hint = Se define en el archivo de configuración del servidor ([federation] mode).
fed-admin-follow-title = Seguir a otra ciudad
fed-admin-follow-intro = La ciudad recibirá lo que publique la otra, en cuanto esta acepte.
fed-follow-target = Dirección de la ciudad que quiere seguir
fed-follow-target-hint = Como @city@oakland.example o https://oakland.example/city
fed-follow-submit = Seguir
fed-admin-follows-title = Ciudades que sigue esta ciudad
fed-admin-follows-empty = Esta ciudad todavía no sigue a ninguna otra.
fed-admin-followers-title = Quién sigue a esta ciudad
fed-admin-followers-empty = Nadie sigue todavía a esta ciudad.
fed-admin-peers-title = Servidores pares
fed-admin-peers-intro = Las entregas a cada servidor y lo que este envió. Un servidor que falla durante tres días se marca como inalcanzable y solo se vuelve a intentar de vez en cuando. Ignoradas: contenido recibido y no publicado, porque lo envió un servidor que esta ciudad no sigue o porque no es una tarea, oportunidad ni propuesta de City/Sync.
fed-admin-peers-empty = Todavía no hay intercambios con otros servidores.
fed-col-peer = Servidor
fed-col-reachable = Alcanzable
fed-col-last-success = Última entrega
fed-col-pending = En espera
fed-col-delivered = Entregadas
fed-col-failed = Abandonadas
fed-col-last-error = Último error
fed-col-received = Recibidas
fed-col-duplicates = Duplicadas
fed-col-ignored = Ignoradas
fed-reachable = { $reachable ->
    [yes] Sí
    [no] No
   *[unknown] Aún no se sabe
}
fed-failing-since = falla desde { $when }
fed-next-probe = próximo intento { $when }
fed-never = Nunca
fed-admin-domains-title = Dominios bloqueados y permitidos
fed-admin-domains-intro = Un dominio bloqueado (y sus subdominios) no puede enviar nada aquí y no recibe nada más. Los dominios permitidos cuentan cuando la ciudad se federa solo con una lista de permitidos.
fed-domain-field = Dominio
fed-domain-hint = Como example.org; una dirección o un puerto se reducen a su dominio.
fed-domain-block = Bloquear
fed-domain-allow = Permitir
fed-domain-remove = Quitar { $domain } de la lista
fed-domain-policy = { $policy ->
    [block] Bloqueado
    [allow] Permitido
   *[other] { $policy }
}
fed-col-change = Cambiar
fed-col-policy = Regla
fed-admin-domains-empty = Ningún dominio está bloqueado ni permitido.

## Consola de la organización
fed-org-follows-title = Organizaciones de otras ciudades
fed-org-follows-intro = Siga a una organización de otra ciudad para ver aquí sus plantillas y oportunidades.
fed-org-follow-target = Dirección de la organización que quiere seguir
fed-org-follow-target-hint = Como @creek-friends@oakland.example o su dirección web
fed-org-follows-empty = Esta organización todavía no sigue a nadie.
fed-org-follow-nothing-yet = Todavía no ha llegado nada suyo.

## Página de la plantilla
fed-adapted-from = Adaptada de
fed-adapted-from-here = nuestra copia del original
fed-adopted-by = Adoptada por { $n ->
    [one] una ciudad
   *[other] { $n } ciudades
}
fed-adoption-copy = su copia

## Ajustes: el perfil público
settings-profile-title = Perfil público
settings-profile-intro = Su nombre de usuario siempre es público. Su nombre aparece solo si usted lo decide.
settings-profile-name = Nombre para mostrar
settings-profile-name-hint = Opcional, hasta 80 caracteres.
settings-profile-public = Mostrar mi nombre en mi perfil público y en las constancias de mi trabajo
settings-profile-public-hint = Si no, su perfil público muestra solo su nombre de usuario, y las constancias de su trabajo verificado que ven otras ciudades llevan un seudónimo en lugar de su nombre.
settings-profile-save = Guardar el perfil
settings-profile-saved = Se guardó su perfil público.

settings-fediverse-title = Su cuenta del fediverso
settings-fediverse-intro = Vincule la cuenta que usa en Mastodon, Mobilizon u otro servidor del fediverso. Cuando esa cuenta se inscriba en una tarea de esta ciudad, será su propia inscripción: usted envía el comprobante aquí y gana CITY y VOTE como con cualquier inscripción, y la constancia de contribución de su trabajo verificado llega a esa cuenta.
settings-fediverse-handle = Identificador del fediverso
settings-fediverse-handle-hint = Por ejemplo @alicia@mastodon.example. La ciudad envía a esa cuenta un mensaje directo con un enlace; ábralo con la sesión iniciada aquí.
settings-fediverse-send = Enviar el enlace
settings-fediverse-requested = La ciudad está buscando la cuenta y le enviará un mensaje directo con un enlace. Ábralo con la sesión iniciada aquí.
settings-fediverse-pending-requested = Buscando { $handle }…
settings-fediverse-pending-sent = Se envió a { $handle } un mensaje directo con un enlace. El enlace funciona hasta el
settings-fediverse-pending-unresolved = No se encontró ninguna cuenta del fediverso para { $handle }, o su servidor no acepta mensajes de esta ciudad. Revise el identificador e inténtelo de nuevo.
settings-fediverse-pending-expired = El enlace enviado a { $handle } ha caducado. Envíe uno nuevo.
settings-fediverse-account = Cuenta vinculada
settings-fediverse-since = Vinculada el
settings-fediverse-unlink = Desvincular { $handle }
settings-fediverse-linked = Su cuenta del fediverso está vinculada. Los lugares que tome son sus inscripciones.
settings-fediverse-unlinked = Su cuenta del fediverso ya no está vinculada. Las inscripciones que hizo siguen siendo suyas.
fediverse-confirm-title = Vincule su cuenta del fediverso
fediverse-confirm-intro = ¿Vincular { $handle } a su cuenta en esta ciudad? Los lugares que tome en las tareas de la ciudad serán entonces sus inscripciones.
fediverse-confirm-submit = Vincular { $handle }
fediverse-confirm-cancel = Ahora no
fediverse-link-message = Alguien con la sesión iniciada como { $username } en { $city } pidió vincular esta cuenta. Si fue usted, abra este enlace con la sesión iniciada allí:
fediverse-link-expiry = El enlace funciona una sola vez, hasta el { $until }. Si no lo pidió, ignore este mensaje.
