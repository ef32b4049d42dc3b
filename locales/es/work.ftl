## El ciclo de trabajo: página de la oportunidad, inscripciones, comprobantes, verificación, notificaciones.
nav-my-work = Mi trabajo
nav-notifications = Notificaciones
# The menu's link when some are unread, as screen readers say it.
nav-notifications-unread = Notificaciones, { $count } sin leer

work-state = { $state ->
    [draft] Borrador
    [published] Abierta
    [closed] Cerrada
   *[cancelled] Cancelada
  }
work-when = Cuándo
work-where = Dónde
work-claim-by = Inscríbase antes de
work-slots = Lugares
work-slots-left = Quedan { $remaining } de { $capacity } lugares
work-reward = Recompensa
work-reward-amounts = { $city } CITY y { $vote } VOTE
work-outcome = Resultado esperado
work-method = Verificación
work-method-name = { $method ->
    [issuer_review] La organización revisa su comprobante
    [on_site] Una persona verificadora registra su entrada y salida en el lugar
   *[peer] Otras personas inscritas lo confirman
  }
work-see-template = Sobre esta tarea
work-onsite = El día de la actividad
work-take-part = Participe
work-you-hold-claim = Tiene un lugar en esta oportunidad.
work-see-claim = Ver mi inscripción
work-login-to-claim = Inicie sesión para inscribirse
work-not-open = Esta oportunidad no acepta inscripciones.
work-claim-button = Inscribirse
work-claimants = Personas inscritas
work-remote-participants = Participan desde otros servidores
work-remote-participants-note = Estas personas se unieron desde otro lugar del fediverso (Mobilizon, Mastodon…). Cada una ocupa un lugar; aquí no ganan CITY ni VOTE.
work-claim-state = { $state ->
    [claimed] Inscrita
    [submitted] Comprobante enviado, en espera de decisión
    [verified] Verificada
    [rejected] No aprobada
    [withdrawn] Retirada
   *[expired] Vencida
  }
work-check-in = Registrar entrada
work-check-out = Registrar salida
work-manage = Administrar
work-publish = Publicar
work-close = Cerrar
work-cancel = Cancelar la oportunidad
work-edit = Editar

work-my-work-title = Mi trabajo
work-contributions = Contribuciones verificadas
work-no-contributions = Aún no tiene contribuciones verificadas.
work-claims = Mis inscripciones
work-no-claims = Aún no se ha inscrito en nada.
work-browse = Buscar una oportunidad
work-see-opportunity = Ver la oportunidad
work-claimed-by = Inscripción de { $username }
work-reward-fixed = Recompensa al verificarse: { $city } CITY y { $vote } VOTE (versión { $version } de la tarea{ $percent ->
        [100] {""}
       *[other] , con el ×{ $multiplier } que la ciudad fijó para esta categoría
    }).
work-contribution-verified = Contribución verificada
work-contribution-outcome = Resultado: { $quantity } { $unit }. Calidad: { $rating } de 5.
work-feedback = Comentarios de la organización:
work-submissions = Comprobantes enviados
work-attempt = Intento { $attempt }
work-outcome-claimed = Resultado reportado: { $quantity } { $unit }
work-worked = Trabajó de { $from } a { $until }
work-location = Ubicación
work-photo-alt = Foto del comprobante { $number }
work-rejected-because = No aprobado:
work-reason = { $reason ->
    [insufficient_proof] el comprobante no es suficiente
    [not_completed] la tarea no se completó
    [outside_window] el trabajo se hizo fuera del horario de la oportunidad
    [duplicate] este trabajo ya se había enviado
   *[other] otro motivo
  }
work-approved = Aprobado.
work-waiting-decision = En espera de una persona verificadora.
work-resubmit = Enviar una vez más
work-submit-proof = Envíe su comprobante
work-proof-text = Qué hizo
work-required = (obligatorio)
work-proof-photos = Fotos
work-proof-photos-hint = Hasta { $max } fotos, JPEG, PNG o WebP, de { $megabytes } MB como máximo cada una. Los datos de ubicación se eliminan antes de guardarlas.
work-latitude = Latitud
work-longitude = Longitud
work-time-range = Cuándo trabajó
work-from = Desde
work-until = Hasta
work-proof-outcome = Resultado logrado, en { $unit }
work-send-proof = Enviar comprobante
work-withdraw = Retirar mi inscripción y liberar mi lugar
work-trail = Historial

work-queue-title = Comprobantes por verificar · { $organization }
work-queue-intro = Los más antiguos primero. Aprobar registra la contribución y su recompensa; rechazar permite a la persona enviar una vez más.
work-queue-empty = No hay nada pendiente de decisión.
work-approve = Aprobar
work-confirmed-outcome = Resultado confirmado
work-quality = Calidad (1 a 5)
work-public-feedback = Comentarios públicos (opcional)
work-reject = Rechazar
work-reject-reason = Motivo
work-feedback-required = Comentarios para la persona (obligatorio)

work-notifications-title = Notificaciones
work-invitations = Invitaciones
work-invitation-line = { $organization } le invita a unirse como { $role }.
work-role = { $role ->
    [owner] titular
    [editor] editora
    [verifier] verificadora
    [registrar] registradora
   *[cashier] cajera
  }
work-accept = Aceptar
work-decline = Rechazar
work-recent = Recientes
work-mark-read = Marcar todo como leído
work-new = Nuevo:
work-no-notifications = Aún no tiene notificaciones.
work-email-prefs = Correo electrónico
work-email-prefs-legend = Envíenme también un correo cuando:
work-pref = { $kind ->
    [claim_confirmed] se confirme mi inscripción
    [opportunity_cancelled] se cancele una oportunidad en la que me inscribí
    [opportunity_changed] cambie una oportunidad en la que me inscribí
    [submission_approved] se apruebe mi comprobante
    [submission_rejected] no se apruebe mi comprobante
    [claim_expiring] mi inscripción esté por vencer
    [reward_credited] se acredite una recompensa retenida por mi trabajo
    [shift_reminder] esté por empezar una oportunidad en la que me inscribí
    [proof_submitted] haya un comprobante esperando mi verificación
    [organization_pending] una organización espere aprobación
    [organization_approved] se apruebe mi organización
    [organization_declined] no se apruebe mi organización
    [voting_opened] se abra la votación de un ciclo de presupuesto
    [voting_closing] la votación cierre mañana
    [waitlist_offered] se me ofrezca un lugar desde una lista de espera
   *[invitation] una organización me invite
  }
work-save = Guardar

note-claim-confirmed = Su inscripción en «{ $about }» está confirmada.
note-opportunity-cancelled = «{ $about }» fue cancelada.
note-opportunity-changed = «{ $about }» cambió.
# Un cambio de una oportunidad como se le cuenta a quien se inscribió: el valor anterior y el nuevo.
note-change = { $field ->
    [title] Título: { $old } → { $new }
    [starts_at] Inicio: { $old } → { $new }
    [ends_at] Fin: { $old } → { $new }
    [claim_deadline] Cierre de inscripciones: { $old } → { $new }
    [place] Lugar: { $old } → { $new }
    [point] Posición en el mapa: { $old } → { $new }
    [capacity] Cupo: { $old } → { $new }
   *[onsite_instructions] Instrucciones en el lugar: { $old } → { $new }
}
note-change-empty = (ninguno)
note-claim-when = De { $starts } a { $ends } · { $place }
note-submission-approved = Su trabajo en «{ $about }» fue verificado.
note-proof-submitted = Hay un comprobante nuevo por verificar en «{ $about }».
note-shift-reminder = «{ $about }», en la que se inscribió, empieza pronto.
note-organization-pending = «{ $about }» espera aprobación.
note-organization-approved = Su organización «{ $about }» fue aprobada.
note-organization-declined = Su organización «{ $about }» no fue aprobada.
note-voting-opened = Se abrió la votación en «{ $about }».
note-voting-closing = La votación en «{ $about }» cierra mañana.
note-waitlist-offered = Se le ofrece un lugar en «{ $about }» desde la lista de espera.
note-reward-credited = La recompensa retenida por su trabajo en «{ $about }» fue acreditada.
work-reward-held = Aún no tiene la verificación de residente, así que la recompensa ({ $city } CITY y { $vote } VOTE) queda retenida. Se acredita si obtiene la verificación de residente antes de que termine este periodo (en una ventanilla de registro: vea su configuración).
work-decided-held-title = Aprobado, con la recompensa retenida
work-decided-held = { $resident } aún no tiene la verificación de residente: la recompensa ({ $city } CITY y { $vote } VOTE) queda retenida y se acredita si lo verifican antes de que termine este periodo.
work-reward-credited = Acreditado ahora que tiene la verificación de residente: { $city } CITY y { $vote } VOTE.
work-reward-capped = Un tope por residente para este periodo retuvo parte de la recompensa: se acreditaron { $city_minted } de { $city_reward } CITY y { $vote_minted } de { $vote_reward } VOTE.
work-decided-capped-title = Aprobado, con la recompensa limitada por un tope
note-submission-rejected = Su comprobante para «{ $about }» no fue aprobado.
note-claim-expiring = Su inscripción en «{ $about }» vence pronto si no envía su comprobante.
note-invitation = Le invitan a unirse a «{ $about }».
work-opportunity-times = La oportunidad:
work-submitted-at = enviada el
work-submitted-early = Este comprobante se envió antes de que terminara la oportunidad. Compruebe que el trabajo realmente se hizo antes de aprobarlo.
work-proof-after-start = Podrá enviar el comprobante cuando la oportunidad haya comenzado:
