## Organizaciones, administración, plantillas, oportunidades y catálogo (páginas web)

## Navegación
catalog-nav = Oportunidades
org-nav = Organizaciones

## Palabras compartidas
org-kind-issuer = Emisora
org-kind-redeemer = Canjeadora
org-kind-issuer-long = Emisora: publica tareas cívicas y verifica el trabajo
org-kind-redeemer-long = Canjeadora: acepta crédito CITY a cambio de bienes o servicios
org-role = { $role ->
    [owner] Titular
    [editor] Editor
    [verifier] Verificador
    [cashier] Cajero
    [registrar] Registrador
   *[other] { $role }
}
org-state = { $state ->
    [pending] En espera de aprobación
    [approved] Aprobada
    [declined] Rechazada
   *[other] { $state }
}
org-state-note = Esta organización no es pública: { $state ->
    [pending] está en espera de la aprobación de la ciudad.
    [declined] la ciudad la rechazó.
   *[other] { $state }.
}
org-decision-reason = Motivo: { $reason }
org-trail-title = Registro de rendición de cuentas
org-trail-intro = Cada cambio, con quién lo hizo y cuándo.
org-trail-by = por { $username }
org-trail-action = { $action ->
    [created] Creación
    [approved] Aprobada por la ciudad
    [declined] Rechazada por la ciudad
    [member_invited] Invitación a un miembro
    [member_joined] Se unió un miembro
    [invitation_declined] Invitación rechazada
    [role_changed] Cambio de rol
    [member_removed] Miembro retirado
    [edited] Edición
    [active] Activación
    [retired] Retiro
    [published] Publicación
    [closed] Cierre
    [cancelled] Cancelación
    [budget_set] Presupuesto asignado
    [settlement_paid] Estado de liquidación pagado
    [settlement_cap_set] Tope de reembolso fijado
    [settlement_terms_set] Condiciones de reembolso fijadas
    [partner_invited] Socio invitado
    [partner_accepted] Socio aceptó
    [partner_declined] Socio rechazó
    [partner_withdrawn] Socio se retiró
    [partner_pending] Socio invitado
    [phase_started_early] Fase iniciada antes
    [adopted] Adopción
    [drafted] Borrador
    [claimed] Inscripción
    [submitted] Comprobante enviado
    [checked_in] Registro de llegada
    [verified] Verificación
    [capped] Recompensa limitada por un tope
    [rejected] Rechazo
    [withdrawn] Retiro de la inscripción
    [expired] Vencimiento
   *[other] Cambio
}

## Directorio y páginas de organizaciones
org-list-title = Organizaciones
org-list-intro = Dependencias, organizaciones civiles, escuelas y comercios locales que participan en el trabajo cívico de la ciudad.
org-list-empty = Todavía no se ha aprobado ninguna organización.
org-list-pages = Páginas de organizaciones
org-new-link = Registrar una organización
org-contact = Contacto
org-website = Sitio web
org-console-link = Abrir la consola de la organización
org-counts-title = En cifras
org-counts-issued = Oportunidades emitidas
org-counts-verified = Contribuciones verificadas
org-counts-median = Tiempo mediano hasta una decisión
org-counts-hours = { $hours } horas
org-counts-no-decisions = Aún no hay decisiones
org-templates-title = Tareas que ofrece
org-templates-empty = Todavía no hay plantillas de tareas.
org-opportunities-title = Oportunidades
org-opportunities-empty = Todavía no hay oportunidades.

## Registrar una organización
org-new-title = Registrar una organización
org-new-intro = La ciudad revisa cada organización nueva antes de que pueda publicar tareas o aceptar crédito. Usted será su primer titular.
org-field-handle = Identificador
org-field-handle-hint = De 3 a 40 caracteres: letras minúsculas, números, - y _, empezando con una letra. Aparece en la dirección de la organización.
org-field-name = Nombre
org-field-description = A qué se dedica la organización
org-field-kinds = Qué hace la organización en City/Sync
org-field-contact-email = Correo electrónico de contacto
org-field-contact-email-hint = Es público: los residentes y la ciudad lo usan para comunicarse con la organización.
org-field-website = Sitio web (opcional)
org-field-website-hint = Una dirección completa que empiece con https://
org-new-submit = Enviar para aprobación

## Consola de la organización
org-console-title = Consola de { $name }
org-console-your-role = Su rol: { $role ->
    [owner] Titular
    [editor] Editor
    [verifier] Verificador
    [cashier] Cajero
    [registrar] Registrador
   *[other] { $role }
}
org-public-page-link = Página pública
org-verify-link = Comprobantes por verificar
org-new-template-link = Escribir una nueva plantilla de tarea
org-members-title = Miembros
org-member-role-label = Rol de { $username }
org-member-role-save = Cambiar rol
org-member-remove = Retirar a { $username }
org-invite-title = Invitar a un miembro
org-invite-who = Nombre de usuario o correo electrónico
org-invite-who-hint = La persona necesita una cuenta en esta ciudad. Nada cambia hasta que acepte.
org-invite-role = Rol
org-invite-submit = Enviar la invitación
org-invitations-title = Invitaciones pendientes
org-invitations-empty = No hay invitaciones esperando respuesta.
org-templates-all-title = Plantillas de tareas, borradores incluidos
org-opportunities-all-title = Oportunidades, borradores incluidos

## Administración de la ciudad
admin-orgs-title = Organizaciones en espera de aprobación
admin-orgs-intro = Las más antiguas primero. Las organizaciones aprobadas se vuelven públicas; una rechazada ve su motivo.
admin-orgs-empty = Ninguna organización espera una decisión.
admin-orgs-since = registrada el { $date }
admin-orgs-approve = Aprobar { $name }
admin-orgs-decline = Rechazar { $name }
admin-orgs-reason = Motivo del rechazo (obligatorio para rechazar)
admin-taxonomy-link = Categorías y unidades de tareas
admin-taxonomy-title = Categorías de tareas y unidades de resultado
admin-taxonomy-intro = Las categorías compartidas que usan todas las ciudades, con las que agregó esta ciudad.
admin-taxonomy-list-title = Categorías y sus unidades
admin-taxonomy-add-title = Agregar una unidad de resultado
admin-taxonomy-add-intro = Use el identificador de una categoría existente para agregarle una unidad, o uno nuevo para agregar una categoría. Lo agregado no se puede quitar.
admin-taxonomy-id-hint = De 2 a 40 letras minúsculas y guiones bajos, por ejemplo prestamo_herramientas
admin-taxonomy-category = Identificador de la categoría
admin-taxonomy-category-name-en = Nombre de la categoría en inglés
admin-taxonomy-category-name-es = Nombre de la categoría en español
admin-taxonomy-unit = Identificador de la unidad
admin-taxonomy-unit-name-en = Nombre de la unidad en inglés
admin-taxonomy-unit-name-es = Nombre de la unidad en español
admin-taxonomy-submit = Agregar la unidad

## El catálogo
catalog-title = Oportunidades cívicas
catalog-intro = Tareas que las organizaciones necesitan ahora. Inscríbase en una, realícela, envíe el comprobante y gane crédito CITY y VOTE.
catalog-filters = Filtrar las oportunidades
catalog-filter-text = Palabras en el título o el resumen
catalog-filter-category = Categoría
catalog-filter-any-category = Cualquier categoría
catalog-filter-organization = Identificador de la organización
catalog-filter-organization-hint = Por ejemplo banco-de-alimentos, como en la dirección de la organización.
catalog-filter-from = Que terminen el o después del
catalog-filter-until = Que empiecen el o antes del
catalog-filter-open = Solo con lugares disponibles
catalog-filter-submit = Mostrar oportunidades
catalog-results = { $count ->
    [one] Una oportunidad
   *[other] { $count } oportunidades
}
catalog-empty = Por ahora nada coincide con estos filtros.
catalog-place = Lugar
catalog-when = Cuándo
catalog-slots-label = Lugares
catalog-slots = { $remaining } de { $capacity } disponibles
catalog-reward = Recompensa
catalog-reward-amounts = { $city } CITY y { $vote } VOTE
catalog-state = { $state ->
    [draft] Borrador
    [published] Publicada
    [closed] Cerrada
    [cancelled] Cancelada
   *[other] { $state }
}
catalog-pages = Páginas de resultados
catalog-pager-previous = Página anterior
catalog-pager-next = Página siguiente
catalog-pager-page = Página { $page }
catalog-pager-of = Página { $page } de { $pages }

## Plantillas de tareas
template-state = { $state ->
    [draft] Borrador
    [active] Activa
    [retired] Retirada
   *[other] { $state }
}
template-version = Versión { $version }
template-method = { $method ->
    [issuer_review] La organización revisa el comprobante
    [on_site] La organización lo comprueba en el lugar
    [peer] Lo confirman otras personas inscritas
   *[other] { $method }
}
template-proof-kind = { $kind ->
    [text] Un informe escrito
    [photo] Fotos
    [geo] La ubicación
    [time_range] El horario trabajado
   *[other] { $kind }
}
template-minutes = Unos { $minutes } minutos
template-none = Ninguna
template-new-title = Nueva plantilla de tarea
template-new-intro = Una plantilla describe un tipo de tarea que { $organization } ofrece una y otra vez. Empieza como borrador que solo ven los miembros.
template-edit-title = Editar «{ $title }»
template-edit-new-version = Esta plantilla está activa: al guardar se crea la versión { $version }. Las inscripciones ya hechas conservan la versión con la que se hicieron.
template-field-title = Título
template-field-summary = Resumen
template-field-instructions = Instrucciones
template-field-instructions-hint = Qué hacer y qué llevar. Puede usar Markdown: **negritas**, listas con -, enlaces como [texto](https://…).
template-field-category = Categoría
template-field-unit = Unidad de resultado
template-field-unit-hint = La unidad debe pertenecer a la categoría elegida.
template-field-outcome = Resultado esperado por cada realización
template-field-outcome-hint = Un número en la unidad de resultado, por ejemplo 5 o 2.5
template-field-method = Cómo se verifica el trabajo
template-field-proof-kinds = Comprobantes que envían los residentes
template-field-proof-kinds-hint = Al menos una, salvo que el trabajo se compruebe en el lugar.
template-field-reward = Recompensa por cada realización
template-field-reward-city = Crédito CITY
template-field-reward-city-hint = Por ejemplo 2.50 (máximo dos decimales)
template-field-reward-vote = VOTE
template-field-minutes = Minutos estimados
template-field-accessibility = Notas de accesibilidad
template-field-accessibility-hint = Escalones, terreno, asientos, sanitarios, idiomas: lo que la gente necesita saber para participar.
template-field-extra = Preguntas adicionales para los residentes
template-field-extra-hint = Una por línea: clave | pregunta | tipo (text, number, choice o date) | required u optional | opciones separadas por comas (solo para choice). Ejemplo: bolsas | Bolsas llenadas | number | required
template-new-submit = Guardar como borrador
template-edit-submit = Guardar cambios
template-old-version = Está leyendo la versión { $version }, una versión anterior.
template-current-link = Ver la versión actual
template-edit-link = Editar esta plantilla
template-new-opportunity-link = Emitir una oportunidad con esta plantilla
template-activate = Activar
template-retire = Retirar
template-extra-title = Preguntas adicionales
template-extra-kind = { $kind ->
    [text] Texto
    [number] Número
    [choice] Opción
    [date] Fecha
   *[other] { $kind }
}
template-extra-required = obligatoria
template-extra-optional = opcional
template-versions-title = Versiones

## Emitir una oportunidad
opportunity-form-title = Nueva oportunidad: { $title }
opportunity-form-intro = Una ocasión con fecha para realizar esta tarea con { $organization }. Empieza como borrador; publíquela para abrir las inscripciones.
opportunity-form-field-title = Título (opcional)
opportunity-form-field-title-hint = Déjelo vacío para usar el título de la plantilla.
opportunity-form-field-place = Lugar
opportunity-form-coordinates = Posición en el mapa (opcional)
opportunity-form-coordinates-hint = Ambas, en grados decimales, por ejemplo 19.4326 y -99.1332
opportunity-form-field-latitude = Latitud
opportunity-form-field-longitude = Longitud
opportunity-form-times = Horarios
opportunity-form-times-hint = El fin va después del inicio; las inscripciones cierran en la fecha límite, a más tardar al final.
opportunity-form-field-starts = Inicio
opportunity-form-field-ends = Fin
opportunity-form-field-deadline = Cierre de inscripciones
opportunity-form-field-capacity = Cupo
opportunity-form-field-capacity-hint = Cuántos residentes pueden inscribirse (de 1 a 10000).
opportunity-form-field-onsite = Instrucciones en el lugar (opcional)
opportunity-form-field-onsite-hint = Dónde reunirse y por quién preguntar.
opportunity-form-submit = Guardar como borrador

## Corregir una oportunidad, y cancelarla tras una confirmación
opportunity-edit-title = Cambiar «{ $title }»
opportunity-edit-intro = Corrija los horarios, el lugar, el cupo, el título o las instrucciones en el lugar. Las personas inscritas reciben una notificación con lo que cambió.
opportunity-edit-intro-published = Corrija los horarios, el lugar, el cupo, el título o las instrucciones en el lugar. Las personas inscritas reciben una notificación con lo que cambió, antes y ahora, y las ciudades que siguen a su organización reciben la actualización.
opportunity-edit-claimants = { $count ->
    [one] Una persona está inscrita: el cupo no puede ser menor que 1, y recibirá una notificación con lo que cambió.
   *[other] { $count } personas están inscritas: el cupo no puede ser menor que { $count }, y cada una recibirá una notificación con lo que cambió.
}
opportunity-edit-submit = Guardar los cambios
opportunity-cancel-title = ¿Cancelar «{ $title }»?
opportunity-cancel-what = Qué pasará
opportunity-cancel-ending = { $count ->
    [0] Ninguna inscripción termina: no hay inscripciones sin comprobante enviado.
    [one] Termina una inscripción (sin comprobante enviado todavía).
   *[other] Terminan { $count } inscripciones (sin comprobante enviado todavía).
}
opportunity-cancel-told = { $count ->
    [0] Nadie se inscribió, así que no hay a quién notificar.
    [one] La persona inscrita recibe una notificación con su motivo.
   *[other] Las { $count } personas inscritas reciben una notificación con su motivo.
}
opportunity-cancel-catalog = Sale del catálogo, y las ciudades que siguen a su organización reciben el aviso de que se canceló.
opportunity-cancel-final = Una oportunidad cancelada no se puede volver a abrir.
opportunity-cancel-reason = Motivo
opportunity-cancel-reason-hint = Obligatorio. Las personas inscritas lo leerán, y queda en el registro de la organización.
opportunity-cancel-confirm = Cancelar la oportunidad
opportunity-cancel-keep = Conservarla

## El inicio de la administración (/admin).
nav-admin = Administración
admin-home-title = Administración
admin-home-intro = Lo que le espera y todas las páginas para administrar la ciudad.
admin-home-waiting = Lo que le espera
admin-home-organizations = { $count ->
    [0] Ninguna organización espera aprobación.
    [one] Una organización espera aprobación.
   *[other] { $count } organizaciones esperan aprobación.
}
admin-home-reported = { $count ->
    [0] No se ha reportado ningún comentario.
    [one] Un comentario reportado espera moderación.
   *[other] { $count } comentarios reportados esperan moderación.
}
admin-home-peers = { $count ->
    [0] Todas las ciudades pares responden.
    [one] Una ciudad par está fallando.
   *[other] { $count } ciudades pares están fallando.
}
admin-home-pages = Páginas de administración
