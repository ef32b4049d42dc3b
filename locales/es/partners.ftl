## Oportunidades coemitidas: organizaciones socias y su parte de la recompensa.

partners-title = Socias de «{ $title }»
partners-explain = Las organizaciones socias coemiten esta oportunidad: cada una paga su parte de la recompensa de { $reward } CITY con su propio presupuesto por cada contribución verificada, y la organización emisora paga el resto. Las socias y sus partes solo pueden cambiar hasta que la oportunidad se publique.
partners-list-title = Quién la emite
partners-organization = Organización
partners-share = Parte de la recompensa
partners-verifies = Verifica comprobantes
partners-no-verify = No verifica
partners-state-heading = Invitación
partners-actions = Acciones
partners-lead = organización emisora
partners-yes = Sí
partners-no = No
partners-amount = { $amount } CITY
partners-state = { $state ->
    [invited] Invitada, en espera de respuesta
    [accepted] Aceptada
    [declined] Rechazada
   *[withdrawn] Retirada
}
partners-accept = Aceptar
partners-decline = Rechazar
partners-withdraw = Retirar
partners-invite-title = Invitar a una organización socia
partners-invite-organization = Identificador de la organización
partners-invite-organization-hint = El identificador en la dirección de la organización, como amigos-del-parque.
partners-invite-share = Su parte de la recompensa (CITY)
partners-invite-share-hint = La paga el presupuesto de la socia por cada contribución verificada, por ejemplo 1.50.
partners-invite-verifies = Sus verificadores pueden decidir sobre comprobantes
partners-invite-submit = Enviar la invitación
partners-manage-link = Socias: coemitir con otras organizaciones
partners-issued-by = Emitida por
partners-with = con
partners-console-title = Invitaciones a coemitir
partners-console-from = de { $lead }

error-share-invalid = Una parte es una cantidad positiva de CITY, como 1.50.
error-shares-exceed-reward = Las partes de las socias juntas superarían la recompensa. Reduzca esta parte u otra.
error-partners-frozen = Esta oportunidad está publicada: sus socias y sus partes ya no pueden cambiar.
error-partner-unknown = Ninguna organización emisora aprobada tiene ese identificador.
error-already-partner = Esa organización ya emite esta oportunidad o ya está invitada.
error-partners-pending = Algunas invitaciones a coemitir siguen sin respuesta. Espere las respuestas, o retírelas, antes de publicar.
