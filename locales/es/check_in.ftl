# Registro de asistencia por cartel (issue 26) y constancia de horas de servicio.

check-in-poster-title = Cartel de registro: { $title }
check-in-poster-lead = Escanee para registrar su entrada y su salida
check-in-poster-steps = Inicie sesión con su cuenta de City/Sync y pulse «Registrar entrada» al llegar y «Registrar salida» al irse. Sus horas se cuentan entre esos dos momentos.
check-in-qr-title = Código de registro de { $title }
check-in-organization = Organización
check-in-place = Lugar
check-in-starts = Empieza
check-in-window = Registro abierto
check-in-window-text = El registro está abierto de { $opens } a { $closes }.
check-in-poster-settings = Ajustes del cartel
check-in-print = Imprimir el cartel
check-in-print-hint = Use la orden de imprimir del navegador: el cartel cabe en una hoja A4.
check-in-distance-label = Distancia máxima al punto del mapa, en metros (vacío: sin comprobación)
check-in-distance-help = Si la fija, el teléfono de cada residente debe compartir su posición, y se rechaza el registro desde más lejos. Vale para todas las oportunidades de su organización.
check-in-distance-no-point = Esta oportunidad no tiene punto en el mapa, así que no se comprueba ninguna distancia, fije lo que fije para su organización.
check-in-distance-save = Guardar la distancia
check-in-distance-saved = Se guardó la distancia.
check-in-distance-invalid = Escriba un número entero de metros entre { $min } y { $max }, o deje el campo vacío.
check-in-see-check-ins = Ver y confirmar los registros
check-in-back = Volver a la oportunidad
check-in-print-poster = Imprimir el cartel de registro

check-in-title = Registro: { $title }
check-in-done-in = Registró su entrada. Registre aquí su salida cuando se vaya.
check-in-done-out = Registró su salida. ¡Gracias! Sus horas quedaron anotadas.
check-in-checked-in = Entrada
check-in-checked-out = Salida
check-in-not-yet = todavía no
check-in-hours-label = Horas
check-in-hours = { $hours } h
check-in-button-in = Registrar entrada
check-in-button-out = Registrar salida
check-in-position-help = Esta organización comprueba que esté a menos de { $max } metros del lugar: su navegador le pedirá compartir su posición.
check-in-position-noscript = Para registrarse aquí hace falta su posición, y su navegador solo la comparte con JavaScript activado.
check-in-see-claim = Ver su inscripción
check-in-see-opportunity = Ver la oportunidad e inscribirse

check-in-refused-no-claim = No tiene una inscripción en esta oportunidad, así que no puede registrar su entrada en ella.
check-in-refused-not-open = Esta oportunidad no está abierta: nadie puede registrar su entrada en ella.
check-in-refused-claim-done = El comprobante de su inscripción ya se envió o se decidió: no queda entrada ni salida que registrar.
check-in-refused-too-early = Demasiado pronto: el registro abre a las { $at }.
check-in-refused-too-late = Demasiado tarde: el registro cerró a las { $at }.
check-in-refused-already-in = Ya registró su entrada.
check-in-refused-not-in = No puede registrar la salida antes que la entrada.
check-in-refused-already-out = Ya registró su salida.
check-in-refused-position-needed = Esta organización comprueba dónde está y su navegador no envió ninguna posición. Permita que esta página use su ubicación e inténtelo de nuevo.
check-in-refused-too-far = Está a { $meters } metros del lugar; esta organización acepta registros hasta a { $max } metros.

check-in-list-title = Registros: { $title }
check-in-list-caption = Residentes que registraron su entrada
check-in-list-empty = Todavía nadie registró su entrada.
check-in-confirm-column = Confirmar
check-in-confirm-one = Confirmar el registro de { $resident }
check-in-resident = Residente
check-in-state = Inscripción
check-in-still-in = sin salida todavía
check-in-confirmed-at = confirmado { $at }
check-in-rating = Calificación de la calidad del trabajo confirmado
check-in-confirm-approves = Al confirmar se aprueba cada inscripción marcada con el resultado que anotó la salida.
check-in-confirm-records = Al confirmar, cada registro marcado queda como asistencia verificada; el comprobante de cada residente se verifica como siempre.
check-in-confirm-button = Confirmar los registros marcados
check-in-confirmed-summary = { $approved } aprobados, { $recorded } anotados como asistencia, { $skipped } omitidos (sin salida o ya confirmados).

hours-link = Su constancia de horas de servicio (imprimible y firmada)
hours-title = Constancia de horas de servicio
hours-period = Periodo
hours-period-text = del { $from } al { $until }
hours-from = Desde
hours-until = Hasta
hours-show = Mostrar
hours-resident = Residente
hours-city = Ciudad
hours-date = Fecha
hours-organization = Organización
hours-work = Trabajo
hours-hours = Horas
hours-source = { $source ->
    [check_in] entrada y salida registradas
    [proof] horas indicadas en el comprobante
   *[none] sin horas registradas
  }
hours-total = Total: { $hours } h
hours-empty = No hay contribuciones verificadas en este periodo.
hours-download = Descargar la constancia firmada (JSON)
hours-print = Imprimir esta página
hours-verify-note = Cualquiera puede comprobar la constancia firmada sin conexión con la orden «citysync attestation verify ARCHIVO», o subiendo el archivo en la página que abre el código QR.
hours-qr-title = Dirección de la página que comprueba esta constancia
hours-period-invalid = Escriba el periodo como dos fechas (año-mes-día), la primera no posterior a la segunda, con cinco años de distancia como máximo.

attestation-verify-title = Comprobar una constancia de horas de servicio
attestation-verify-lead = Suba la constancia firmada (el archivo JSON que un residente descargó de City/Sync) para comprobar todas sus firmas. No se guarda nada.
attestation-verify-file = Archivo de la constancia
attestation-verify-button = Comprobar
attestation-verify-ok = Válida: todas las firmas son correctas.
attestation-verify-summary = { $city } certifica { $hours } horas de trabajo verificado de { $resident } del { $from } al { $until }, en { $entries } contribuciones.
attestation-verify-key = Firmada con la clave de la ciudad { $key }. Compárela con la clave que la ciudad publica en { $url }.
attestation-verify-failed = No válida: { $reason }
attestation-verify-no-file = Elija el archivo de la constancia que quiere comprobar.

attestation-problem-entry = entrada { $index } ({ $date }, { $organization }): { $problem }
attestation-problem-malformed = el archivo no es una constancia de horas de servicio ({ $detail })
attestation-problem-format = el archivo no es una constancia de horas de City/Sync de una versión que este servidor lea
attestation-problem-entry-signature = la firma de la ciudad no es válida: la entrada se modificó
attestation-problem-key-missing = la constancia no trae la clave { $detail }
attestation-problem-attestation-signature = la firma de la organización sobre la constancia de contribución no es válida ({ $detail })
attestation-problem-issuer = la constancia de contribución no se firmó con la clave de la organización emisora
attestation-problem-subject = la constancia de contribución trata de otra contribución o de otra persona
attestation-problem-hours = las horas no corresponden a los minutos trabajados
attestation-problem-total = los totales no cuadran
attestation-problem-record-signature = la firma de la ciudad sobre la constancia no es válida: se modificó
