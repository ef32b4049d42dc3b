## Errores de organizaciones, plantillas, oportunidades, inscripciones y verificación
error-handle-invalid = Use de 3 a 40 caracteres: letras minúsculas, números, - y _, empezando con una letra.
error-handle-taken = Este identificador ya lo usa una organización o un residente. Elija otro.
error-web-address-invalid = Escriba una dirección web completa que empiece con https:// o http://.
error-kinds-missing = Elija al menos una opción: emisora, canjeadora o ambas.
error-role-unknown = Elija uno de los roles de la lista.
error-control-characters = Este campo contiene caracteres que no se pueden usar ({ $field }).
error-category-unknown = Elija una categoría de la lista.
error-unit-not-of-category = Esta unidad de resultado no pertenece a la categoría elegida.
error-outcome-invalid = Escriba un número positivo que sea razonable para esta tarea.
error-reward-invalid = Escriba la recompensa como número entero o con máximo dos decimales, por ejemplo 2.50.
error-minutes-invalid = Escriba los minutos como número entero del 1 al 1440.
error-proof-kinds-missing = Elija al menos un tipo de comprobante, salvo que el trabajo se compruebe en el lugar.
error-proof-kind-unknown = Elija los tipos de comprobante de la lista.
error-method-unknown = Elija cómo se verifica el trabajo.
error-extra-field-invalid = La línea { $line } de las preguntas adicionales no es válida. Escriba: clave | pregunta | tipo | required u optional | opciones.
error-extra-value-invalid = Responda «{ $field }» con un valor válido.
error-times-invalid = Revise los horarios: el fin debe ser después del inicio, y el cierre de inscripciones no puede ser después del fin.
error-capacity-invalid = Escriba un cupo del 1 al 10000.
error-coordinates-invalid = Escriba la latitud (de −90 a 90) y la longitud (de −180 a 180) como números decimales, o ninguna de las dos.
error-proof-missing = Esta tarea requiere { $kind ->
    [text] un informe escrito
    [photo] al menos una foto
    [geo] la ubicación
    [time_range] el horario en que trabajó
   *[other] { $kind }
}.
error-too-many-photos = Envíe como máximo { $max } fotos.
error-rating-invalid = Elija una calificación del 1 al 5.
error-reason-unknown = Elija un motivo de la lista.
error-conflict = Alguien más hizo un cambio mientras tanto. Vuelva a cargar la página e inténtelo de nuevo.
error-invitee-unknown = Ningún residente de esta ciudad tiene ese nombre de usuario o correo electrónico.
error-already-member = Esta persona ya es miembro.
error-already-invited = Esta persona ya tiene una invitación pendiente.
error-last-owner = Una organización conserva al menos un titular. Primero nombre titular a otra persona.
error-organization-not-approved = La organización está en espera de la aprobación de la ciudad.
error-not-an-issuer = Esta organización no es emisora, así que no puede publicar tareas.
error-template-not-active = Solo una plantilla activa puede emitir oportunidades.
error-opportunity-full = Esta oportunidad ya no tiene lugares.
error-not-claimable = Esta oportunidad no acepta inscripciones por ahora.
error-already-claimed = Usted ya tiene una inscripción en esta oportunidad.
error-deadline-passed = La fecha límite ya pasó.
error-already-decided = Ya se tomó una decisión sobre este comprobante.
error-work-not-started = Podrá enviar el comprobante cuando la oportunidad haya comenzado. Vuelva después del inicio.
error-own-claim = No puede verificar su propio trabajo.
error-photo-invalid = Envíe las fotos en formato JPEG, PNG o WebP.
error-photo-too-large = Cada foto puede pesar como máximo { $megabytes } MB.
error-category-taken = Esta categoría ya tiene esa unidad.
error-capacity-below-claims = El cupo no puede ser { $capacity }: ya hay { $claims } inscripciones (el mínimo posible es { $claims }). No se cambió nada.
error-claim-requirements-unmet = Todavía no puede inscribirse en este lugar: no cumple algunos de sus requisitos.
error-birth-date-invalid = Escriba su fecha de nacimiento como año-mes-día, por ejemplo 2008-05-31.
error-min-age-invalid = Escriba la edad mínima como un número entero de 1 a 120, o deje el campo vacío.
error-guardian-not-needed = Solo necesitan el consentimiento de un tutor los residentes menores de edad. Escriba primero su fecha de nacimiento.
error-qualification-unknown = Elija una acreditación de esta organización de la lista.
error-qualification-taken = Esta organización ya tiene una acreditación con ese nombre.
error-expiry-invalid = Escriba la fecha de vencimiento como año-mes-día, hoy o después.
