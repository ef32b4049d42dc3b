## Las páginas del libro contable: cartera, ofertas, el mostrador, el explorador público, presupuestos.

## Navegación
nav-wallet = Cartera
nav-offerings = Ofertas
nav-ledger = Libro contable

## Palabras compartidas
offering-category = { $category ->
    [food_drink] Comida y bebida
    [groceries] Abarrotes
    [transit] Transporte
    [culture] Cultura
    [recreation] Recreación
    [learning] Aprendizaje
    [services] Servicios
   *[other] Otros
}
redemption-state = { $state ->
    [reserved] Reservada
    [honored] Canjeada
    [cancelled] Cancelada
   *[expired] Vencida
}

## Cartera
wallet-title = Su cartera
wallet-balances-title = Saldos
wallet-city = CITY disponible
wallet-vote = VOTE
wallet-reserved = CITY apartado para sus reservas
wallet-balances-hint = CITY es crédito cívico que usted gasta en comercios y servicios locales. VOTE es su peso en las decisiones de la ciudad; no se gasta ni se regala.
wallet-browse-offerings = Ver qué se consigue con CITY
wallet-held-title = Recompensas retenidas hasta su verificación de residente
wallet-held-intro = Esta ciudad acredita CITY y VOTE a quienes tienen la verificación de residente (una persona, una cuenta). El trabajo verificado antes queda retenido, y se acredita si usted obtiene la verificación antes de que termine su periodo.
wallet-held-how = Cómo verificarse como residente
wallet-held-line = { $city } CITY y { $vote } VOTE
wallet-held-open = retenida: verifíquese como residente antes de que termine este periodo
wallet-held-credited = acreditada
wallet-held-lapsed = vencida: su periodo terminó antes de su verificación de residente
wallet-reservations-title = Reservas abiertas
wallet-reservations-intro = Muestre el código QR en el mostrador o dicte el código. Cada código sirve una sola vez.
wallet-reservations-empty = No tiene reservas abiertas.
wallet-code-label = Código para teclear en el mostrador
wallet-redeemer = Dónde
wallet-amount = Monto
wallet-expires = Válida hasta
wallet-show-large = Mostrar en pantalla completa
wallet-cancel = Cancelar la reserva de { $offering }
wallet-qr-title = Código QR de su reserva de { $offering }
wallet-history-title = Movimientos
wallet-history-empty = Todavía no hay movimientos en su cartera. El trabajo verificado le da CITY y VOTE.
wallet-history-hint = Solo usted y quienes administran la ciudad ven estos movimientos.
wallet-col-date = Fecha
wallet-col-for = Concepto
wallet-col-kind = Qué pasó
wallet-col-amount = Monto
wallet-col-currency = Moneda
wallet-entry-kind = { $kind ->
    [mint] Ganado por trabajo verificado
    [reserve] Apartado para una reserva
    [release] Devuelto de una reserva
    [burn] Gastado
    [expire] Vencido
    [adjust] Ajustado por una decisión de la ciudad
   *[other] { $kind }
}
wallet-past-title = Canjes anteriores
wallet-past-empty = No hay canjes anteriores.

## Una reserva
reservation-show-at-counter = Muestre este código QR en el mostrador.
reservation-or-code = ¿No hay cámara en el mostrador? Dicte este código:
reservation-timed-out = El tiempo de esta reserva se acabó. Su CITY regresará a su cartera en breve.
reservation-back = Volver a su cartera

## Ofertas
offerings-title = Qué se consigue con CITY
offerings-intro = Comercios y servicios locales aceptan CITY por estas ofertas. Cada una tiene un número de unidades por periodo.
offerings-filters = Filtrar ofertas
offerings-filter-text = Palabras del título o la descripción
offerings-filter-category = Tipo
offerings-filter-any-category = Cualquier tipo
offerings-filter-organization = Organización
offerings-filter-organization-hint = Su identificador, por ejemplo cafe-esquina
offerings-filter-max-price = Precio máximo en CITY
offerings-filter-available = Solo ofertas con unidades disponibles en este periodo
offerings-filter-submit = Mostrar ofertas
offerings-results = { $count ->
    [0] No se encontraron ofertas
    [one] 1 oferta
   *[other] { $count } ofertas
}
offerings-empty = Nada coincide con estos filtros.
offering-price = Precio
offering-redeemer = La ofrece
offering-terms = Condiciones
offering-available = Disponibles en este periodo
offering-available-count = { $available ->
    [0] No quedan en este periodo
    [one] Queda 1 unidad
   *[other] Quedan { $available } unidades
}
offering-active-badge = Disponible
offering-inactive-badge = No disponible por ahora
offering-reserve-title = Resérvela
offering-login-to-reserve = Inicie sesión para reservarla
offering-inactive = Esta oferta no está disponible por ahora.
offering-reserve-explain = Al reservar, el precio queda apartado de su cartera durante { $time } y usted recibe un código QR y un código corto para mostrar en el mostrador. Si no la usa, el CITY regresa.
duration-hours = { $n ->
    [one] 1 hora
   *[other] { $n } horas
}
duration-minutes = { $n ->
    [one] 1 minuto
   *[other] { $n } minutos
}
offering-your-balance = Tiene { $balance } CITY para gastar.
offering-reserve-button = Reservar por { $price } CITY
offering-edit-link = Editar esta oferta

## El catálogo de la organización canjeadora
org-offerings-link = Ofertas y unidades
org-counter-link = Mostrador
org-offerings-title = Ofertas de { $name }
org-offerings-intro = Indique cuántas unidades de cada oferta va a canjear en el periodo { $epoch }. Los residentes solo pueden reservar lo que comprometa.
org-offerings-console-link = Volver a la consola
org-offerings-new-link = Agregar una oferta
org-offerings-empty = Todavía no hay ofertas.
org-offerings-committed = Comprometidas en este periodo
org-offerings-taken = Reservadas o canjeadas
org-offerings-quantity = Unidades de { $title } en este periodo
org-offerings-commit = Guardar las unidades
offering-new-title = Nueva oferta de { $name }
offering-edit-title = Editar { $title }
offering-field-title = Título
offering-field-description = Descripción
offering-field-price = Precio en CITY
offering-field-price-hint = Por ejemplo 4.50
offering-field-category = Tipo
offering-field-terms = Condiciones
offering-field-terms-hint = Opcional: cuándo y cómo se puede usar, por ejemplo "Entre semana antes de las 11:00".
offering-field-image = Imagen
offering-field-image-hint = Opcional. JPEG, PNG o WebP, de hasta { $megabytes } MB.
offering-field-image-replace = Opcional: una imagen nueva reemplaza la actual. JPEG, PNG o WebP, de hasta { $megabytes } MB.
offering-field-active = Disponible (los residentes pueden verla y reservarla)
offering-create = Agregar la oferta
offering-save = Guardar los cambios

## El mostrador
counter-title = Mostrador de { $name }
counter-intro = Escanee el código QR de la persona o teclee su código, revise para qué es y confirme el canje.
counter-scan-title = Escanear un código QR
counter-scan-button = Encender la cámara
counter-scan-started = Sostenga el código QR frente a la cámara.
counter-scan-checking = Código leído. Comprobándolo…
counter-scan-no-camera = La cámara no está disponible. Teclee el código.
counter-code-title = Teclear un código
counter-code-label = Código
counter-code-hint = Ocho letras y dígitos, como ABCD-1234.
counter-look-up = Buscar
counter-recent-title = Confirmaciones recientes
counter-recent-empty = Todavía no se ha confirmado nada aquí.
counter-confirm-title = Confirme este canje
counter-confirm-intro = Entregue la oferta y luego confirme el canje. El CITY se quema al confirmar y el código ya no se puede volver a usar.
counter-offering = Oferta
counter-code = Código
counter-confirm-button = Confirmar: { $amount } CITY
counter-not-now = No confirmar; volver al mostrador
counter-honored = Canjeado: se quemaron { $amount } CITY
counter-next = Siguiente cliente

## El libro contable público
ledger-title = El libro contable de la ciudad
ledger-intro = Cada movimiento de CITY y VOTE queda registrado en una cadena de hashes que la ciudad firma. Los residentes aparecen solo con referencias seudónimas; nunca se muestran nombres.
ledger-head = { $seq ->
    [0] Todavía no hay asientos
    [one] 1 asiento
   *[other] { $seq } asientos
}
ledger-totals-title = Totales
ledger-totals-caption = Por moneda, ahora
ledger-totals-hint = Emitido = en circulación + presupuestos de las emisoras + en depósito + quemado.
ledger-col-currency = Moneda
ledger-col-issued = Emitido
ledger-col-circulating = En circulación
ledger-col-budgets = Presupuestos de las emisoras
ledger-col-escrow = En depósito
ledger-col-burned = Quemado
ledger-current-title = Periodo actual: { $number }
ledger-epoch-name = Periodo { $number }
ledger-epoch-dates = Del { $start } al { $end }
ledger-minted = Emitido por trabajo verificado
ledger-burned = Quemado en canjes
ledger-budgets-granted = Presupuestos otorgados
ledger-budgets-returned = Presupuestos devueltos sin usar
ledger-expired = Vencido
ledger-contributions = Contribuciones
ledger-redemptions = Canjes
ledger-by-organization = Por organización
ledger-by-category = Por categoría
ledger-col-organization = Organización
ledger-col-category = Categoría
ledger-col-minted-city = CITY emitido
ledger-col-minted-vote = VOTE emitido
ledger-closed-title = Periodos cerrados
ledger-closed-empty = Todavía no se ha cerrado ningún periodo.
ledger-epoch-summary = { $minted } CITY emitidos, { $burned } CITY quemados, { $contributions } contribuciones, { $redemptions } canjes
ledger-epoch-sealed = Sellado el { $when } en el asiento { $seq }.
ledger-epoch-figures = Cifras selladas
ledger-epoch-totals = Totales al cierre
ledger-epoch-open = Este periodo sigue abierto: su informe se sella al cerrarse.
ledger-entries-title = Asientos recientes
ledger-entries-empty = Todavía no hay asientos.
ledger-entries-hint = Cada hash se compromete con su asiento y con el anterior.
ledger-col-seq = N.º
ledger-col-kind = Tipo
ledger-col-amount = Monto
ledger-col-from = De
ledger-col-to = A
ledger-col-time = Hora
ledger-col-hash = Hash
ledger-entry-kind = { $kind ->
    [mint] Emisión
    [reserve] Reserva
    [release] Devolución
    [burn] Quema
    [budget] Presupuesto
    [adjust] Ajuste
    [expire] Vencimiento
    [statement] Estado de liquidación
   *[other] { $kind }
}
ledger-account-kind = { $kind ->
    [resident] Residente
    [organization] Organización
    [budget] Presupuesto de emisora
    [mint] Emisión de la ciudad
    [burn] Quemado
    [escrow] Depósito
   *[other] Cuenta desconocida
}
ledger-checkpoints-title = Puntos de control firmados
ledger-checkpoints-intro = Un punto de control es la firma de la ciudad sobre la cabeza de la cadena y los totales. Cualquiera puede comprobarlo con la clave pública de la ciudad.
ledger-checkpoints-empty = Todavía no se ha firmado ningún punto de control.
ledger-checkpoints-all = Todos los puntos de control
ledger-checkpoints-json = Puntos de control en JSON
ledger-checkpoint-at = Punto de control en el asiento { $seq }
ledger-checkpoint-totals = emitido { $issued }, en circulación { $circulating }, presupuestos { $budgets }, depósito { $escrow }, quemado { $burned }
ledger-checkpoint-reason = { $reason ->
    [interval] Intervalo regular
    [epoch_close] Cierre de periodo
    [manual] Firmado a petición
   *[other] { $reason }
}
ledger-col-head-hash = Hash de la cabeza
ledger-col-signed-at = Firmado
ledger-col-reason = Motivo
ledger-col-signature = Firma
ledger-key-title = La clave del libro contable de la ciudad
ledger-key-intro = Clave pública Ed25519 (hexadecimal) que comprueba cada punto de control y cada código QR:
ledger-verification-title = Última comprobación
ledger-verification-ok = Toda la cadena se comprobó: { $entries } asientos y { $checkpoints } puntos de control.
ledger-verification-failed = La comprobación FALLÓ después de { $entries } asientos:
ledger-verification-when = Terminó el { $when }
ledger-verification-none = El libro contable todavía no se ha comprobado.
ledger-back = Volver al libro contable

## Presupuestos (administración)
admin-budgets-link = Presupuestos de CITY de las organizaciones emisoras
admin-budgets-organizations-link = Organizaciones en espera de aprobación
admin-budgets-title = Presupuestos de CITY de las organizaciones emisoras
admin-budgets-intro = Cada emisora puede otorgar como máximo su presupuesto por periodo. Si sube un presupuesto, la diferencia se otorga de inmediato en el periodo actual (periodo { $number }); si lo baja, el cambio aplica desde el siguiente periodo.
admin-budgets-caption = Presupuestos en el periodo { $number }
admin-budgets-col-issuer = Emisora
admin-budgets-col-standing = Presupuesto por periodo
admin-budgets-col-granted = Otorgado en este periodo
admin-budgets-col-remaining = Por otorgar
admin-budgets-col-change = Cambiar
admin-budgets-amount = Nuevo presupuesto por periodo de { $name }, en CITY
admin-budgets-save = Guardar
admin-budgets-hint = El presupuesto que no se usa regresa a la ciudad al cerrar el periodo.
admin-budgets-empty = Todavía no hay emisoras aprobadas.
ledger-entry-decision = la decisión
