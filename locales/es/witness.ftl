# Atestiguar: las ciudades refrendan los puntos de control del libro contable de las demás.
witness-witnessed-by = Atestiguado por
witness-not-witnessed = Todavía ninguna otra ciudad lo ha refrendado.
witness-link = Puntos de control de otras ciudades que esta ciudad atestiguó, y los conflictos
witness-page-title = Atestiguar a otras ciudades
witness-page-intro = Esta ciudad refrenda con su propia clave del libro contable los puntos de control firmados de las ciudades que sigue. Si una ciudad llega a firmar dos puntos de control distintos para el mismo número de asiento, esta ciudad se niega a refrendarlo y muestra ambos aquí.
witness-conflicts-title = Puntos de control en conflicto
witness-conflicts-intro = Cada fila es una ciudad que firmó dos puntos de control distintos para el mismo número de asiento. Ninguno se refrendó después de hallar el conflicto.
witness-conflicts-empty = No se ha visto ningún punto de control en conflicto.
witness-conflict-caption = { $city }, asiento { $seq }: dos puntos de control firmados distintos
witness-checkpoints-title = Puntos de control recibidos
witness-checkpoints-empty = Todavía no se ha recibido ningún punto de control de otra ciudad.
witness-col-city = Ciudad
witness-col-version = Punto de control
witness-col-signature = Firma de la ciudad
witness-col-received = Recibido
witness-col-state = Nuestra respuesta
witness-col-countersignature = Nuestro refrendo
witness-first = Recibido primero
witness-second = En conflicto
witness-state = { $state ->
    [witnessed] Refrendado
    [conflicted] Conflicto hallado: rechazado
   *[other] { $state }
}
