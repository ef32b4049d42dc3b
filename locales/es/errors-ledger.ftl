# Errores del libro contable, las ofertas y los canjes.
error-amount-invalid = La cantidad debe ser un número positivo.
error-amount-too-large = La cantidad es demasiado grande.
error-currency-unknown = Moneda desconocida: use CITY o VOTE.
error-currency-mismatch = Las dos cuentas de un asiento deben ser de su moneda.
error-posting-refused = Este tipo de asiento no puede mover crédito entre estas cuentas.
error-account-invalid = Esta referencia de cuenta no es válida.
error-key-invalid = La clave contable de la ciudad no es válida.
error-epoch-length-invalid = La duración de un periodo se escribe así: "1 month", "2 weeks" o "10 days".
error-token-invalid = Este código QR no lo emitió esta ciudad, o fue alterado.
error-token-expired = Este código QR venció. Pida a la persona que muestre uno nuevo desde su cartera.
error-code-invalid = Un código tiene ocho letras y cifras, como ABCD-1234.
error-price-invalid = El precio debe ser una cantidad positiva de CITY con dos decimales como máximo, como 4.50.
error-quantity-invalid = La cantidad debe ser un número entero de 0 a 100000.
error-idempotency-conflict = Esta clave de solicitud ya se usó para otra solicitud.
error-idempotency-key-invalid = La clave de solicitud debe tener de 1 a 100 caracteres visibles.
error-insufficient-credit = No tiene suficiente CITY en su cartera para esto.
error-budget-exhausted = El presupuesto de CITY de esta organización para este periodo no alcanza para esta recompensa. No se cambió nada; pida a la ciudad que lo aumente o apruebe el comprobante el próximo periodo.
error-not-a-redeemer = Esta organización no acepta CITY.
error-offering-unavailable = A esta oferta no le quedan unidades en este periodo.
error-commitment-below-taken = { $taken ->
    [one] La cantidad no puede ser menor que la unidad ya reservada o canjeada.
   *[other] La cantidad no puede ser menor que las { $taken } unidades ya reservadas o canjeadas.
}
error-code-unknown = Ninguna reserva tiene este código. Revise las letras y cifras.
error-wrong-redeemer = Este código es de otra organización: no se puede canjear aquí.
error-redemption-used = Este código ya se usó.
error-redemption-cancelled = La persona canceló esta reserva.
error-redemption-expired = Esta reserva venció y su CITY volvió a la persona.
