## Datos abiertos: el índice de conjuntos de datos públicos, su esquema y los canales Atom.

open-data-nav = Datos abiertos
open-data-title = Datos abiertos
open-data-intro = Todo lo que esta ciudad muestra al público, en archivos que cualquiera puede descargar, reutilizar y comprobar: los mismos registros que sus páginas y su libro contable.
open-data-schema-intro = Esta es la versión { $version } de las exportaciones: sus columnas conservan nombre y significado. Se pueden añadir columnas y conjuntos de datos; cualquier otro cambio llegaría como una versión nueva.
open-data-schema-link = Cada conjunto de datos y cada columna, explicados
open-data-privacy = Sin datos personales: ningún nombre, nombre de usuario ni correo de residentes, ningún correo de contacto de organizaciones, ninguna dirección de computadora. Quien hizo un trabajo verificado aparece solo con la referencia seudónima de su cuenta en el libro contable.
open-data-datasets-title = Conjuntos de datos
open-data-datasets-caption = Los conjuntos de datos de la versión { $version } y cuántas filas tiene cada uno ahora
open-data-col-dataset = Conjunto de datos
open-data-col-description = Qué contiene
open-data-col-rows = Filas
open-data-col-formats = Descargar
open-data-download = { $dataset } en { $format }
open-data-formats-hint = Los archivos CSV están en UTF-8 con una fila de encabezado; los archivos JSON tienen las mismas filas con las mismas columnas. Las horas están en UTC. Los montos en CITY están en centésimos (150 es 1.50 CITY); VOTE es entero.
open-data-feeds-title = Canales
open-data-feeds-intro = Siga las nuevas oportunidades en un lector de canales (Atom).
open-data-feeds-organization = El de cada organización, en
open-data-feed-link = Nuevas oportunidades (canal Atom)
open-data-feed-organization-link = Nuevas oportunidades de { $name } (canal Atom)
open-data-feed-city-title = Nuevas oportunidades en { $name }
open-data-feed-organization-title = Nuevas oportunidades de { $name }
open-data-feed-entry-summary = { $summary } — { $place }, del { $starts } al { $ends }
open-data-schema-title = Datos abiertos: el esquema
open-data-schema-language = Este documento está en inglés.
open-data-back = Volver a datos abiertos

## Los conjuntos de datos
open-data-dataset-opportunities = Oportunidades
open-data-dataset-opportunities-description = Cada oportunidad que las organizaciones publicaron, cerraron o cancelaron: tarea, lugar, horario, cupo y recompensa. No incluye borradores.
open-data-dataset-templates = Plantillas de tareas
open-data-dataset-templates-description = Plantillas de tareas activas y retiradas en su versión actual, con su procedencia si fueron adoptadas.
open-data-dataset-organizations = Organizaciones
open-data-dataset-organizations-description = Organizaciones aprobadas: identificador, nombre, si emiten trabajo o aceptan CITY, sitio web.
open-data-dataset-contributions = Contribuciones
open-data-dataset-contributions-description = Trabajo verificado: el resultado confirmado, la calificación, los CITY y VOTE que emitió, el día. Los residentes aparecen solo como referencias de cuentas del libro contable.
open-data-dataset-ledger-totals = Totales del libro contable
open-data-dataset-ledger-totals-description = Las cifras de cada periodo — emitido, quemado, asignado, vencido — de la ciudad, por organización y por categoría, con los saldos al cierre.
open-data-dataset-checkpoints = Puntos de control del libro contable
open-data-dataset-checkpoints-description = Los puntos de control firmados del libro contable: secuencia, hash de la cabeza, totales, firma y la clave que la comprueba.
open-data-dataset-decisions = Decisiones
open-data-dataset-decisions-description = Propuestas cerradas: ciclo, tipo, método de votación, resultado, participación, quórum y lo que se aplicó.
open-data-dataset-decision-options = Recuentos de decisiones
open-data-dataset-decision-options-description = El apoyo que recibió cada opción de una propuesta cerrada y qué opciones de presupuesto se financiaron.
open-data-dataset-aggregates = Cifras del tablero
open-data-dataset-aggregates-description = Las cifras del tablero de transparencia por periodo, para la ciudad y para cada organización: trabajo publicado, inscripciones, trabajo verificado y rechazado (por motivo), la mediana del tiempo hasta la verificación, CITY y VOTE emitidos, CITY gastados.
