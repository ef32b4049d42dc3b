# Listas de espera y reservas en grupo (issue 26).

error-waitlist-already = Ya estás en la lista de espera de esta oportunidad.
error-waitlist-places-left = Todavía quedan lugares: reserva uno en vez de esperar.
error-waitlist-offer-gone = No tienes ningún lugar ofrecido ahora, o la oferta ya venció.
error-party-size-invalid = Un grupo es de 1 a 10 personas y, como mucho, los lugares que quedan.
error-party-full = Este grupo está completo: todos sus lugares están ocupados.

note-waitlist-offer-until = Tómalo antes del { $ends } o pasará a la siguiente persona.

waitlist-full = Completo: únete a la lista de espera (serías el número { $position }).
waitlist-join-button = Unirme a la lista de espera
waitlist-waiting = Estás en la lista de espera: eres el número { $position } de la fila.
waitlist-leave-button = Salir de la lista de espera
waitlist-offered = Tienes un lugar ofrecido hasta el { $ends }. Tómalo, o recházalo para que pase a la siguiente persona.
waitlist-take-button = Tomar el lugar
waitlist-decline-button = Rechazar

party-size-label = Cuántas personas, contándote a ti
party-size-hint = ¿Reservas también para amistades? Hasta 10 personas y, como mucho, los lugares que quedan. Cada persona se une con el enlace que recibirás.
party-heading = Tu grupo
party-of = Un grupo de { $size } reservado por { $claimant }.
party-members = { $count ->
    [0] Todavía no se ha unido nadie.
   *[other] Se unieron: { $names }.
}
party-open-places = { $count ->
    [0] Todos los lugares del grupo están ocupados.
    [one] Queda un lugar libre en el grupo.
   *[other] Quedan { $count } lugares libres en el grupo.
}
party-share = Envía este enlace a tus amistades (inician sesión o crean una cuenta y se unen):
party-code = Código para unirse: { $code }
party-member-proof = { $claimant } envía la prueba de todo el grupo; cada integrante recibe el crédito cuando se aprueba.
party-invite-title = Únete al grupo de { $claimant }
party-invite-intro = { $claimant } reservó { $size } lugares en «{ $title }» y te invita a unirte.
party-join-button = Unirme al grupo
party-login-to-join = Inicia sesión para unirte al grupo
party-you-hold-claim = Ya tienes una reserva en esta oportunidad.
