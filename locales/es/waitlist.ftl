# Listas de espera e inscripciones en grupo (issue 26).

error-waitlist-already = Ya está en la lista de espera de esta oportunidad.
error-waitlist-places-left = Todavía quedan lugares: inscríbase en vez de esperar.
error-waitlist-offer-gone = No tiene ningún lugar ofrecido ahora, o el ofrecimiento ya venció.
error-party-size-invalid = Un grupo es de 1 a 10 personas y, como mucho, los lugares que quedan.
error-party-full = Este grupo está completo: todos sus lugares están ocupados.

note-waitlist-offer-until = Tómelo antes del { $ends } o pasará a la siguiente persona.

waitlist-full = Completo: únase a la lista de espera (sería el número { $position }).
waitlist-join-button = Unirme a la lista de espera
waitlist-waiting = Está en la lista de espera: es el número { $position } de la fila.
waitlist-leave-button = Salir de la lista de espera
waitlist-offered = Tiene un lugar ofrecido hasta el { $ends }. Tómelo, o rechácelo para que pase a la siguiente persona.
waitlist-take-button = Tomar el lugar
waitlist-decline-button = Rechazar

party-size-label = Cuántas personas en total, con usted
party-size-hint = ¿Inscribe también a sus amistades? Hasta 10 personas y, como mucho, los lugares que quedan. Cada persona se une con el enlace que recibirá.
party-heading = Su grupo
party-of = Un grupo de { $size } inscrito por { $claimant }.
party-members = { $count ->
    [0] Todavía no se ha unido nadie.
   *[other] Se unieron: { $names }.
}
party-open-places = { $count ->
    [0] Todos los lugares del grupo están ocupados.
    [one] Queda un lugar libre en el grupo.
   *[other] Quedan { $count } lugares libres en el grupo.
}
party-share = Envíe este enlace a sus amistades (inician sesión o crean una cuenta y se unen):
party-code = Código para unirse: { $code }
party-member-proof = { $claimant } envía el comprobante de todo el grupo; cada miembro del grupo recibe el crédito cuando se aprueba.
party-invite-title = Únase al grupo de { $claimant }
party-invite-intro = { $claimant } inscribió un grupo de { $size } lugares en «{ $title }» y le invita a unirse.
party-join-button = Unirme al grupo
party-login-to-join = Inicie sesión para unirse al grupo
party-you-hold-claim = Ya tiene una inscripción en esta oportunidad.
