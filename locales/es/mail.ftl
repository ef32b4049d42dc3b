## Correos electrónicos (templates/mail). Cada mensaje tiene el mismo id en en/mail.ftl.

## Comunes a todos los correos
mail-greeting = Hola, { $username }:
mail-link-plain = Si el botón no funciona, copie esta dirección en su navegador:
mail-link-validity = El enlace es válido durante { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }.
mail-ignore = Si no fue usted, ignore este mensaje.
mail-signature = El equipo de { $city } en City/Sync
mail-automatic = Este es un mensaje automático de { $city } en City/Sync.

## Confirmar el correo electrónico al crear la cuenta
mail-verify-subject = Confirme su correo electrónico en { $city }
mail-verify-heading = Confirme su correo electrónico
mail-verify-intro = Gracias por unirse a { $city } en City/Sync. Confirme su correo electrónico con este enlace:
mail-verify-action = Confirmar mi correo electrónico

## Restablecer la contraseña
mail-reset-subject = Restablezca su contraseña de { $city }
mail-reset-heading = Restablezca su contraseña
mail-reset-intro = Alguien pidió restablecer la contraseña de su cuenta en { $city }. Para elegir una contraseña nueva, use este enlace:
mail-reset-action = Elegir una contraseña nueva
mail-reset-ignore = Si no fue usted, ignore este mensaje: su contraseña sigue siendo la misma.

## Alguien intentó registrarse con un correo que ya tiene cuenta
mail-existing-subject = Alguien intentó crear una cuenta con su correo electrónico en { $city }
mail-existing-heading = Usted ya tiene una cuenta
mail-existing-intro = Alguien intentó crear una cuenta nueva en { $city } con este correo electrónico. Esta dirección ya pertenece a su cuenta, { $username }, así que no se creó ninguna cuenta nueva.
mail-existing-login = Para iniciar sesión, use este enlace:
mail-existing-login-action = Iniciar sesión
mail-existing-reset = Si olvidó su contraseña, puede elegir una nueva:
mail-existing-reset-action = Restablecer mi contraseña
mail-existing-ignore = Si no fue usted, ignore este mensaje: su cuenta no tuvo ningún cambio.

## Se cambió la contraseña
mail-changed-subject = Se cambió su contraseña de { $city }
mail-changed-heading = Se cambió su contraseña
mail-changed-intro = Se acaba de cambiar la contraseña de su cuenta { $username } en { $city }. Se cerraron sus otras sesiones y los accesos de aplicaciones.
mail-changed-ok = Si fue usted, no necesita hacer nada más.
mail-changed-not-you = Si no fue usted, elija de inmediato una contraseña nueva con «¿Olvidó su contraseña?» en la página de inicio de sesión y avise al soporte de la ciudad.

## Notificaciones sobre el trabajo cívico (la persona puede desactivar cada tipo en su configuración)
mail-note-feedback = Comentarios de quien verificó:
mail-note-claim-confirmed-subject = Su inscripción está confirmada: { $about }
mail-note-claim-confirmed-intro = Su inscripción en «{ $about }» está confirmada. Cuando haya hecho el trabajo, envíe su comprobante desde la página de la inscripción.
mail-note-claim-confirmed-action = Ver mi inscripción
mail-note-opportunity-cancelled-subject = Cancelada: { $about }
mail-note-opportunity-cancelled-intro = La organización canceló «{ $about }». Su inscripción terminó; no necesita hacer nada más.
mail-note-opportunity-cancelled-action = Buscar otras oportunidades
mail-note-reason = El motivo de la organización:
mail-note-changes = Qué cambió:
mail-note-when = Cuándo y dónde:
mail-note-opportunity-changed-subject = Cambios en: { $about }
mail-note-opportunity-changed-intro = La organización cambió «{ $about }», en la que se inscribió. Su inscripción sigue vigente; revise que los nuevos datos le convengan, o retire su inscripción para liberar su lugar.
mail-note-opportunity-changed-action = Ver la oportunidad
mail-note-submission-approved-subject = Su trabajo fue verificado: { $about }
mail-note-submission-approved-intro = Su comprobante para «{ $about }» fue aprobado. Su contribución ya está registrada.
mail-note-submission-approved-action = Ver mi contribución
mail-note-submission-rejected-subject = Su comprobante necesita otra revisión: { $about }
mail-note-submission-rejected-intro = Su comprobante para «{ $about }» no fue aprobado esta vez. Si la página de la inscripción lo permite, puede enviarlo una vez más.
mail-note-submission-rejected-action = Ver los comentarios
mail-note-claim-expiring-subject = Envíe su comprobante pronto: { $about }
mail-note-claim-expiring-intro = Su inscripción en «{ $about }» vencerá pronto si no envía un comprobante. Envíelo, o retire su inscripción para liberar el lugar para otra persona.
mail-note-claim-expiring-action = Enviar comprobante
mail-note-invitation-subject = Le invitan a unirse a { $about }
mail-note-invitation-intro = Le invitan a unirse a «{ $about }» en { $city }. Acepte o rechace la invitación en su página de notificaciones.
mail-note-invitation-action = Ver la invitación
mail-note-proof-submitted-subject = Comprobante nuevo por verificar: { $about }
mail-note-proof-submitted-intro = Una persona residente envió el comprobante de su trabajo en «{ $about }». Espera en la cola de verificación de su organización.
mail-note-proof-submitted-action = Abrir la cola de verificación
mail-note-shift-reminder-subject = Recordatorio: { $about } empieza { $when }
mail-note-shift-reminder-intro = Le recordamos que «{ $about }», en la que se inscribió, empieza { $when }. Si ya no puede ir, retire su inscripción para que otra persona pueda inscribirse en su lugar.
mail-note-shift-reminder-action = Ver mi inscripción
mail-note-organization-pending-subject = Una organización espera aprobación: { $about }
mail-note-organization-pending-intro = «{ $about }» pidió unirse a { $city }. Revísela y apruébela o rechácela en la página de organizaciones.
mail-note-organization-pending-action = Revisar organizaciones
mail-note-organization-approved-subject = Su organización fue aprobada: { $about }
mail-note-organization-approved-intro = «{ $about }» fue aprobada en { $city }. Sus miembros ya pueden publicar oportunidades y ofertas.
mail-note-organization-approved-action = Abrir la organización
mail-note-organization-declined-subject = Su organización no fue aprobada: { $about }
mail-note-organization-declined-intro = «{ $about }» no fue aprobada en { $city }. Abajo está el motivo de la administración, si lo dio.
mail-note-organization-declined-action = Ver la organización
mail-note-voting-opened-subject = La votación está abierta: { $about }
mail-note-voting-opened-intro = Se abrió la votación en «{ $about }». Su saldo de VOTE cuenta: elija las propuestas que apoya.
mail-note-voting-opened-action = Votar ahora
mail-note-voting-closing-subject = La votación cierra mañana: { $about }
mail-note-voting-closing-intro = La votación en «{ $about }» cierra en menos de un día. Si aún no ha votado, todavía está a tiempo.
mail-note-voting-closing-action = Votar ahora
mail-note-waitlist-offered-subject = Hay un lugar para usted si lo toma: { $about }
mail-note-waitlist-offered-intro = Se liberó un lugar en «{ $about }» y usted es la primera persona en su lista de espera. Tómelo antes de que venza el ofrecimiento o pasará a la siguiente persona.
mail-note-waitlist-offered-action = Tomar el lugar
mail-note-reward-credited-subject = Su recompensa fue acreditada: { $about }
mail-note-reward-credited-intro = Ya tiene la verificación de residente, así que la recompensa retenida por su trabajo verificado en «{ $about }» se acreditó en su cartera.
mail-note-reward-credited-action = Ver mi cartera
mail-note-credited = Lo acreditado:

## Un enlace de acceso de un solo uso
mail-signin-subject = Su enlace de acceso a { $city }
mail-signin-heading = Entrar sin su contraseña
mail-signin-intro = Alguien pidió un enlace para entrar en su cuenta de { $city }. Para entrar, use este enlace una sola vez:
mail-signin-action = Entrar
mail-signin-validity = El enlace sirve una sola vez, durante { $minutes } minutos.
mail-signin-ignore = Si no fue usted, ignore este mensaje: nadie puede entrar sin el enlace. Si vuelve a ocurrir, elija una contraseña más segura.

## Una invitación a una organización (se envía igual tenga o no cuenta la dirección)
mail-org-invite-subject = Le invitan a unirse a { $about }
mail-org-invite-heading = Únase a { $organization }
mail-org-invite-intro = Le invitan a unirse a «{ $organization }» en { $city }. Si ya tiene una cuenta allí, entre y responda en su página de notificaciones; si no, cree una con esta dirección de correo y será miembro.
mail-org-invite-action = Responder a la invitación
mail-org-invite-ignore = Si no quiere unirse, ignore este mensaje.
