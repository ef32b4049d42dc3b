## Liquidación: estados de cuenta para organizaciones canjeadoras, la tesorería, transparencia

settlement-statements-title = Estados de liquidación
settlement-statements-intro = Al cierre de cada periodo la ciudad emite a { $name } un estado de cuenta por los CITY que aceptó: unidades y CITY por oferta, la tarifa y el monto que la ciudad adeuda. Cada estado va firmado con la clave del libro contable de la ciudad y su huella es un asiento del libro contable público.
settlement-statements-empty = Todavía no hay estados de cuenta. El primero se emite cuando cierra un periodo en el que aceptó canjes.
settlement-no-terms = La ciudad aún no fija una tarifa de reembolso, así que no se emiten estados de cuenta.
settlement-terms-line = La ciudad reembolsa { $rate } { $currency } por CITY, con cargo a: { $source }.
settlement-remaining-title = Reembolsable en este periodo
settlement-remaining = Con su tope de { $cap } { $currency } por periodo, la ciudad le adeuda hasta ahora { $so_far } { $currency } y aún puede reembolsar { $remaining } { $currency } (unos { $city } CITY en canjes).
settlement-back-console = Volver a la consola
settlement-back-list = Todos los estados de cuenta
settlement-col-number = Estado de cuenta
settlement-col-period = Periodo
settlement-col-redeemer = Organización canjeadora
settlement-col-offering = Oferta
settlement-col-units = Unidades aceptadas
settlement-col-burned = CITY quemados
settlement-col-owed = Monto adeudado
settlement-col-status = Pago
settlement-col-actions = Descargar
settlement-caption = Estados de cuenta, del más reciente al más antiguo
settlement-status-paid = Pagado { $when }, referencia { $reference }
settlement-status-unpaid = Pendiente de pago
settlement-download-html = Página para imprimir (guardar como PDF)
settlement-download-csv = CSV
settlement-period-name = Periodo { $number }
settlement-period-dates = { $start } a { $end }

## Un estado de cuenta (para imprimir)
settlement-statement-title = Estado de liquidación { $number }
settlement-statement-issuer = Emitido por la ciudad en { $city }
settlement-statement-to = Para
settlement-statement-issued = Emitido
settlement-statement-period = Periodo
settlement-statement-rate = Tarifa
settlement-statement-rate-value = { $rate } { $currency } por CITY
settlement-statement-funding = Fuente de financiamiento
settlement-statement-lines-caption = Canjes aceptados, por oferta
settlement-statement-total = Total
settlement-statement-before-cap = Adeudo antes del tope
settlement-statement-cap = Tope de reembolso del periodo
settlement-statement-owed = Monto adeudado
settlement-statement-payment = Pago
settlement-statement-integrity = Integridad
settlement-statement-entry = El asiento n.º { $seq } del libro contable registra la huella de este estado de cuenta:
settlement-statement-signature = Firma con la clave del libro contable de la ciudad:
settlement-statement-key = Clave del libro contable:
settlement-statement-print = Imprímalo o guárdelo como PDF con el comando de imprimir de su navegador.

## Tesorería (administradores)
settlement-office-title = Liquidación: tesorería
settlement-office-link = Liquidación y estados de cuenta
settlement-office-intro = Lo que la ciudad adeuda a las organizaciones canjeadoras por los CITY que aceptaron. Los estados de cuenta se emiten al cierre de cada periodo; registre aquí cada pago con su referencia.
settlement-terms-title = Condiciones de reembolso
settlement-terms-hint = La tarifa se aplica a los estados de cuenta emitidos desde el próximo cierre. Los montos se llevan en centésimos de la moneda (centavos) y solo se redondean por línea de oferta, hacia arriba desde la mitad.
settlement-field-currency = Moneda (código ISO, p. ej. MXN o USD)
settlement-field-rate = Moneda local por CITY
settlement-field-funding = Fuente de financiamiento (p. ej. Presupuesto general, acuerdo 2026-14)
settlement-terms-save = Guardar las condiciones
settlement-caps-title = Topes de reembolso por periodo
settlement-caps-hint = Opcional. Un estado de cuenta nunca adeuda más que el tope de su organización canjeadora; déjelo vacío para no poner tope.
settlement-caps-empty = Todavía no hay organizaciones canjeadoras aprobadas.
settlement-field-cap = Tope para { $name }
settlement-cap-save = Guardar el tope
settlement-field-reference = Referencia de pago de { $number }
settlement-mark-paid = Marcar como pagado
settlement-office-empty = Todavía no hay estados de cuenta.
settlement-updated = Último cambio: { $when }.

## Transparencia
settlement-public-title = Lo que la ciudad adeuda a las organizaciones canjeadoras
settlement-public-intro = Cada organización canjeadora recibe un estado de cuenta firmado por periodo por los CITY que aceptó; la tesorería de la ciudad registra los pagos.
settlement-public-caption = Adeudado y pagado por organización canjeadora
settlement-public-statements = Estados de cuenta
settlement-public-owed = Adeudado
settlement-public-paid = Pagado
settlement-public-outstanding = Pendiente
settlement-public-empty = Todavía no hay estados de liquidación.
