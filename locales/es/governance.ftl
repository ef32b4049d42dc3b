## Gobernanza: ciclos de decisión, propuestas, papeletas, recuentos, deliberación, parámetros.

## Navegación
nav-governance = Gobernanza

## Palabras compartidas
gov-phase-name = { $phase ->
    [upcoming] Aún no empieza
    [proposals] Propuestas
    [deliberation] Deliberación
    [voting] Votación
   *[results] Resultados
}
gov-phase-doing = { $phase ->
    [upcoming] Todavía no se puede hacer nada: la fase de propuestas no ha comenzado.
    [proposals] Las personas residentes con suficiente VOTE, y las organizaciones a través de sus titulares, redactan propuestas. Sus autores aún pueden editarlas o retirarlas.
    [deliberation] Las propuestas ya son definitivas. Quien haya iniciado sesión puede debatirlas en los comentarios y responder a los demás.
    [voting] Las personas habilitadas votan y pueden cambiar su papeleta hasta el cierre. Solo es público el número de papeletas.
   *[results] Los recuentos son públicos y lo aprobado ya se aplicó.
}
gov-cycle-now = { $phase ->
    [upcoming] Este ciclo aún no ha comenzado.
    [proposals] Ahora: se reciben propuestas.
    [deliberation] Ahora: deliberación.
    [voting] Ahora: la votación está abierta.
   *[results] Ahora: ya hay resultados.
}
gov-method = { $method ->
    [weighted_majority] Mayoría ponderada
    [approval] Voto por aprobación
   *[quadratic] Voto cuadrático
}
gov-method-explained = { $method ->
    [weighted_majority] Cada votante elige una respuesta, que cuenta con todo su VOTE. Una propuesta se aprueba cuando el Sí reúne más VOTE que el No.
    [approval] Cada votante aprueba tantas opciones como quiera, y cada aprobación cuenta con todo su VOTE.
   *[quadratic] El VOTE de cada votante es un presupuesto de créditos de voz. Poner n votos en una opción cuesta n² créditos, así que las preferencias intensas cuestan más.
}
gov-kind = { $kind ->
    [policy] Política
    [parameter_change] Cambio de parámetros
    [budget] Presupuesto participativo
   *[adopt_model] Adopción de un modelo
}
gov-kind-explained = { $kind ->
    [policy] Una política es una decisión escrita con palabras: qué debe hacer la ciudad y por qué.
    [parameter_change] Un cambio de parámetros fija una o varias reglas de la ciudad, como la recompensa por un tipo de trabajo. Si se aprueba, la ciudad lo aplica por sí misma.
    [budget] Un presupuesto participativo reparte un fondo de CITY entre opciones. Se financian las opciones con más apoyo que caben en el fondo.
   *[adopt_model] Adoptar un conjunto de plantillas de tareas o un modelo de gobernanza publicado por otra ciudad.
}
gov-proposal-state = { $state ->
    [open] Abierta a cambios
    [withdrawn] Retirada
    [deliberation] En deliberación
    [voting] En votación
    [passed] Aprobada
    [rejected] Rechazada
   *[no_quorum] Sin quórum
}
gov-outcome = { $outcome ->
    [passed] Aprobada
    [rejected] Rechazada
   *[no_quorum] Sin decisión: no se alcanzó el quórum
}
gov-option-yes = Sí
gov-option-no = No
gov-times-local = Horario: { $zone }.
gov-markdown-hint = Puede usar Markdown: **negrita**, listas, enlaces.
gov-back-to-cycles = Todos los ciclos de decisión
gov-back-to-cycle = Volver al ciclo «{ $title }»
gov-back-to-proposal = Volver a la propuesta
gov-phase-from = desde el { $when }
gov-phase-until = hasta el { $when }
gov-phase-current = en curso
gov-phase-done = terminada

## La lista de ciclos
gov-title = Decisiones de la ciudad
gov-intro = Las personas residentes deciden juntas en ciclos de decisión: primero propuestas, luego deliberación, después una votación ponderada por VOTE y, al final, resultados públicos.
gov-parameters-link = Los parámetros vigentes de la ciudad
gov-moderation-link = El registro de moderación
gov-cycle-new-link = Abrir un nuevo ciclo de decisión
gov-cycles-title = Ciclos de decisión
gov-cycles-empty = Todavía no se ha abierto ningún ciclo de decisión.
gov-col-cycle = Ciclo
gov-col-phase = Fase
gov-col-opens = Apertura de propuestas
gov-col-results = Resultados

## Abrir y editar un ciclo
gov-cycle-new-title = Abrir un ciclo de decisión
gov-cycle-new-intro = Indique la fecha de inicio de cada fase. El ciclo avanza solo en esas fechas, y desde la página del ciclo puede adelantar la fase siguiente.
gov-cycle-field-title = Título
gov-cycle-field-description = De qué trata este ciclo
gov-cycle-dates = Fases
gov-cycle-dates-hint = Cada fase comienza en su fecha y termina cuando empieza la siguiente. Las fechas deben ir en orden.
gov-cycle-field-proposals-at = Apertura de propuestas
gov-cycle-field-deliberation-at = Inicio de la deliberación
gov-cycle-field-voting-at = Apertura de la votación
gov-cycle-field-results-at = Cierre de la votación y publicación de resultados
gov-cycle-field-quorum = Quórum, en porcentaje
gov-cycle-field-quorum-hint = La parte de todo el VOTE habilitado que debe participar (las abstenciones cuentan) para que el resultado sea válido. De 0 a 100.
gov-cycle-field-min-vote = VOTE mínimo para votar
gov-cycle-field-min-vote-hint = Pueden votar quienes tengan al menos este VOTE cuando se abre la votación. Como mínimo 1.
gov-cycle-create = Abrir el ciclo
gov-cycle-edit-title = Editar este ciclo
gov-cycle-edit-hint = Las fechas de las fases ya iniciadas no pueden cambiar. El método y las reglas no pueden cambiar una vez abierta la votación.
gov-cycle-save = Guardar el ciclo
gov-error-date = Escriba una fecha y una hora.
gov-error-method = Elija un método de votación.
gov-admin-title = Para la administración
gov-next-phase = Iniciar ya la fase siguiente: { $phase ->
    [proposals] propuestas
    [deliberation] deliberación
    [voting] votación
   *[results] resultados
}
gov-next-phase-hint = { $phase ->
    [voting] Los saldos de VOTE se registran en el momento en que se abre la votación; deciden quién puede votar y con qué peso.
    [results] La votación se cierra de inmediato: se cuentan todas las propuestas y se aplica lo aprobado.
   *[other] La fase comienza ahora en lugar de en su fecha.
}

## La página del ciclo
gov-timeline-title = Calendario
gov-rules-title = Reglas
gov-rules-method = Método de votación
gov-rules-quorum = Quórum
gov-rules-quorum-value = Debe participar el { $percent }% del VOTE habilitado
gov-rules-min-vote = Quién puede votar
gov-rules-min-vote-value = Residentes con correo confirmado que tengan al menos { $min } VOTE cuando se abre la votación
gov-rules-pool = Presupuesto participativo
gov-rules-pool-value = { $amount } CITY de la ciudad, repartidos entre las propuestas de presupuesto
gov-rules-pool-none = Ninguno en este ciclo
gov-rules-eligible = Votantes habilitados
gov-rules-eligible-value = { $voters ->
    [one] 1 residente
   *[other] { $voters } residentes
} con { $weight } VOTE en total
gov-rules-frozen-when = Estas reglas pueden cambiar hasta que se abra la votación; después quedan fijas.
gov-rules-frozen-now = La votación ya se abrió, así que estas reglas quedaron fijas.
gov-proposals-title = Propuestas
gov-proposals-empty = Todavía no hay propuestas.
gov-propose-kind = { $kind ->
    [policy] Proponer una política
    [parameter_change] Proponer un cambio de parámetros
    [budget] Proponer un presupuesto participativo
   *[adopt_model] Proponer la adopción de un modelo
}
gov-propose-sign-in = Inicie sesión para hacer una propuesta
gov-cycle-min-vote = Para proponer a su nombre necesita al menos { $n } VOTE. Quien es titular de una organización también puede proponer en nombre de ella.
gov-col-proposal = Propuesta
gov-col-kind = Tipo
gov-col-by = Autoría
gov-col-state = Estado

## El formulario de propuesta
gov-proposal-new-title = { $kind ->
    [policy] Nueva propuesta de política
    [parameter_change] Nuevo cambio de parámetros
    [budget] Nuevo presupuesto participativo
   *[adopt_model] Nueva propuesta para adoptar un modelo
}
gov-proposal-edit-title = Editar su propuesta
gov-proposal-field-title = Título
gov-proposal-field-body = La propuesta con sus palabras
gov-proposal-field-organization = Proponer como
gov-proposal-field-organization-hint = A su nombre necesita al menos { $n } VOTE. Una organización de la que usted es titular puede proponer sin importar su VOTE.
gov-proposal-own-name = Yo
gov-proposal-on-behalf = Propuesta en nombre de @{ $organization }.
gov-proposal-publish = Publicar la propuesta
gov-proposal-save = Guardar los cambios
gov-changes-title = Cambios de parámetros
gov-changes-hint = Complete una fila por parámetro; las filas vacías se ignoran. Para un multiplicador de recompensa elija la categoría; para un presupuesto elija la organización emisora.
gov-family = { $family ->
    [reward_multiplier] Multiplicador de recompensa de una categoría
    [issuer_budget] Presupuesto de CITY por periodo de una organización emisora
    [epoch_length] Duración de un periodo
    [city_expiry_epochs] Vigencia del CITY ganado
    [vote_decay_percent] Disminución del VOTE por periodo
    [resident_cap_city] Tope de CITY por residente y periodo
    [resident_cap_vote] Tope de VOTE por residente y periodo
    [reservation_minutes] Cuánto tiempo vale una reserva
    [level_to_earn] Nivel de identidad necesario para ganar CITY y VOTE
    [level_to_vote] Nivel de identidad necesario para votar
   *[min_vote_to_propose] VOTE necesario para proponer
}
gov-family-range = { $family ->
    [reward_multiplier] Un porcentaje de 0 a 1000 que se aplica a las recompensas de CITY y VOTE del trabajo en la categoría: 100 las mantiene, 200 las duplica, 50 las reduce a la mitad.
    [issuer_budget] Una cantidad de CITY de 0 a 10.000.000 que la organización emisora recibe al comenzar cada periodo, como 250 o 99.50 (con punto decimal).
    [epoch_length] Se escribe en inglés: «1 month», «2 weeks» o «10 days» (de 1 a 12 meses, de 1 a 366 días). Rige desde el periodo siguiente.
    [city_expiry_epochs] Un número de periodos de 0 a 120 tras el cual vence el CITY ganado; 0 significa que nunca vence.
    [vote_decay_percent] Un porcentaje de 0 a 50 del VOTE de cada residente que se desvanece al final de cada periodo.
    [resident_cap_city] Lo máximo de CITY que un residente puede ganar en un periodo, de 0 a 1.000.000, como 200 o 99.50 (con punto decimal); 0 significa sin tope. Elija una categoría para limitar solo el trabajo en ella.
    [resident_cap_vote] Lo máximo de VOTE que un residente puede ganar en un periodo, un número entero de 0 a 1.000.000; 0 significa sin tope.
    [reservation_minutes] Un número entero de minutos de 5 a 4320 (3 días) durante el que valen una reserva y su código QR: lo bastante para reservar en casa y caminar al mostrador. Rige para las reservas hechas después de la decisión.
    [level_to_earn] Se escribe en inglés: «email» (basta un correo confirmado) o «resident» (una verificación de residente, p. ej. en una ventanilla de registro). El trabajo verificado por debajo queda retenido y se acredita cuando verifican al residente dentro del periodo.
    [level_to_vote] Se escribe en inglés: «email» (basta un correo confirmado) o «resident» (una verificación de residente, p. ej. en una ventanilla de registro).
   *[min_vote_to_propose] Un número entero de VOTE de 0 a 1.000.000.
}
gov-change-row = Cambio { $number }
gov-change-parameter = Parámetro
gov-change-none = (ninguno)
gov-change-category = Categoría (para un multiplicador de recompensa o un tope de CITY)
gov-change-issuer = Organización emisora (para un presupuesto)
gov-change-value = Valor nuevo
gov-budget-pool = Fondo a repartir, en CITY
gov-budget-pool-hint = El CITY que la ciudad reparte entre las propuestas de presupuesto de este ciclo, como máximo 10.000.000. Déjelo vacío si el ciclo no tiene presupuesto participativo. Puede cambiar hasta que se abra la votación.
gov-budget-options = Opciones
gov-budget-options-hint = Al menos dos opciones. Cada una cuesta una parte del fondo y se paga a una organización aprobada (por su identificador). Las filas vacías se ignoran.
gov-budget-option-row = Opción { $number }
gov-budget-option-title = Qué financia
gov-budget-option-cost = Costo, en CITY
gov-budget-option-organization = Identificador de la organización
gov-model-url = Dirección web del modelo
gov-model-url-hint = La página de otra ciudad de City/Sync que publica el conjunto de plantillas o el modelo de gobernanza.

## La página de la propuesta
gov-by = Propuesta de
gov-by-organization = Propuesta en nombre de
gov-drafted-by = redactada por @{ $username }
gov-proposal-edit = Editar la propuesta
gov-proposal-withdraw = Retirar la propuesta
gov-proposal-edit-until = Puede editar o retirar su propuesta hasta que termine la fase de propuestas.
gov-proposal-body = Propuesta
gov-col-parameter = Parámetro
gov-col-in-force = Vigente ahora
gov-col-proposed = Propuesto
gov-value-unknown = sin fijar
gov-budget-title = Presupuesto
gov-budget-pool-value = Fondo: { $amount } CITY
gov-col-cost = Costo
gov-col-organization = Organización
gov-col-funded = Financiada
gov-funded-yes = Financiada
gov-funded-paid = { $amount } CITY pagados a la cuenta de la organización
gov-budget-pool-from-city = La ciudad fija el fondo para todo el ciclo; las propuestas de presupuesto lo comparten, la más antigua primero.
gov-budget-pool-none = La ciudad no ha fijado un fondo de presupuesto para este ciclo, así que no admite propuestas de presupuesto.
gov-funded-no = Sin financiar
gov-model-title = Modelo a adoptar
gov-model-intro = El modelo está publicado en:
gov-voting-title = Votación
gov-voting-method = Este ciclo vota por { $method ->
    [weighted_majority] mayoría ponderada.
    [approval] aprobación.
   *[quadratic] voto cuadrático.
}
gov-ballots-cast = { $count ->
    [0] Todavía no se ha emitido ninguna papeleta.
    [one] Hasta ahora se emitió 1 papeleta.
   *[other] Hasta ahora se emitieron { $count } papeletas.
}
gov-voting-closes = La votación cierra el { $when }.
gov-vote-sign-in = Inicie sesión para votar
gov-vote-unverified = No puede votar: confirme su correo electrónico. Solo votan quienes tenían el correo confirmado cuando se abrió la votación.
gov-vote-not-eligible = No puede votar en este ciclo: cuando se abrió la votación no tenía los { $min } VOTE que exige. El VOTE se gana con trabajo cívico verificado.
gov-vote-weight = Puede votar con { $weight } VOTE, según lo registrado al abrirse la votación.
gov-my-ballot = Su papeleta, emitida el { $when }:
gov-my-ballot-abstain = Se abstiene (participa sin apoyar ninguna opción).
gov-my-ballot-change = Puede cambiarla hasta el cierre, el { $when }.
gov-my-ballot-none = Todavía no ha votado esta propuesta.
gov-ballot-mark = { $method ->
    [quadratic] { $option }: { $votes ->
        [one] 1 voto
       *[other] { $votes } votos
    }
   *[other] { $option }
}
gov-ballot-legend = { $method ->
    [weighted_majority] Su respuesta
    [approval] Las opciones que aprueba
   *[quadratic] Sus votos por opción
}
gov-ballot-credits = n votos en una opción cuestan n² créditos (1 voto cuesta 1, 2 cuestan 4, 3 cuestan 9). Tiene { $credits } créditos.
gov-ballot-abstain = Me abstengo
gov-ballot-cast = Emitir mi papeleta
gov-ballot-replace = Reemplazar mi papeleta
gov-ballot-private = Su papeleta es secreta: solo usted la ve. El público ve cuántas papeletas se emitieron y, tras el cierre, los totales.
gov-voting-later = La votación se abre el { $when }.
gov-voting-withdrawn = Esta propuesta fue retirada; no se someterá a votación.
gov-voting-none = Esta propuesta no se sometió a votación.
gov-tally-caption = Apoyo por opción
gov-col-option = Opción
gov-col-support = Apoyo
gov-support = { $method ->
    [quadratic] { $n ->
        [one] 1 voto
       *[other] { $n } votos
    }
   *[other] { $n } VOTE
}
gov-turnout-caption = Participación y quórum
gov-tally-eligible = Votantes habilitados
gov-tally-voters = Votantes (abstenciones incluidas)
gov-tally-people-vote = { $people ->
    [one] 1 residente
   *[other] { $people } residentes
} · { $vote } VOTE
gov-tally-abstentions = Abstenciones
gov-tally-turnout = Participación (parte del VOTE habilitado)
gov-tally-quorum = Quórum
gov-quorum-met = alcanzado
gov-quorum-missed = no alcanzado
gov-funded-title = Opciones financiadas
gov-enacted-title = Puesto en vigor
gov-enacted-parameter = { $parameter } ahora es { $value }
gov-enacted-policy = La política fue adoptada.
gov-enacted-budget = { $option }: { $amount } CITY pagados a @{ $organization }
gov-enacted-model = { $installation ->
    [installed] Se adoptó el modelo publicado en { $url }: { $installed } de { $offered } plantillas de tareas son ahora borradores de la organización que lo propuso.
    [failed] Se adoptó el modelo publicado en { $url }, pero no se puede instalar: { $reason ->
        [gone] ya no está publicado allí.
        [no-templates] no contiene ninguna plantilla de tarea que esta ciudad pueda usar.
       *[not-an-issuer] la organización que lo propuso no es una organización emisora aprobada.
    }
   *[pending] Se adoptó el modelo publicado en { $url }; sus plantillas de tareas se instalan cuando la ciudad lo haya obtenido.
}

## Deliberación
gov-comments-title = Deliberación
gov-comments-empty = Todavía no hay comentarios.
gov-comments-closed = Los comentarios se abren durante la deliberación y la votación.
gov-comment-sign-in = Inicie sesión para participar en la deliberación
gov-comment-new = Su comentario
gov-comment-submit = Publicar el comentario
gov-comment-reply = Responder
gov-comment-reply-label = Su respuesta a @{ $username }
gov-comment-reply-submit = Publicar la respuesta
gov-comment-hidden = Ocultado por la moderación: { $reason }
gov-comment-report = Denunciar ante la moderación
gov-comment-report-reason = ¿Por qué debería la moderación revisar este comentario?
gov-comment-report-submit = Enviar la denuncia
gov-comment-reports = { $count ->
    [one] denunciado una vez
   *[other] denunciado { $count } veces
}
gov-comment-hide = Ocultar este comentario
gov-comment-restore = Volver a mostrar este comentario
gov-moderation-reason = Motivo, visible para todos
gov-moderation-log-title = Registro de moderación
gov-moderation-log-empty = No se ha ocultado ni restaurado ningún comentario.
gov-moderation-comment-link = el comentario
gov-moderation-action = { $action ->
    [hidden] Ocultado por @{ $moderator }
   *[restored] Restaurado por @{ $moderator }
}
gov-moderation-title = Moderación
gov-moderation-intro = Aquí figura, con su motivo, cada comentario que la moderación oculta o restaura. Un comentario oculto conserva su lugar en la conversación.
gov-reported-title = Comentarios denunciados
gov-reported-empty = No hay comentarios denunciados pendientes.
gov-col-when = Cuándo
gov-col-action = Acción
gov-col-reason = Motivo

## Parámetros
gov-parameters-title = Los parámetros de la ciudad
gov-parameters-intro = Las reglas que determinan recompensas, periodos y decisiones, tal como rigen ahora, y quién las fijó.
gov-parameters-in-force = Vigentes ahora
gov-parameters-hint = Un multiplicador de recompensa que ninguna decisión ha fijado es del 100%: las recompensas son las que indica la plantilla de tarea.
gov-parameters-history = Historial de cambios
gov-parameters-history-empty = Todavía no ha cambiado ningún parámetro.
gov-col-value = Valor
gov-col-source = Fijado por
gov-col-since = Desde
gov-col-before = Antes
gov-col-after = Después
gov-value-default = el valor por defecto
gov-source-decision = la decisión «{ $title }»
gov-source-administrator = la administración (@{ $username })
gov-source-configuration = valor por defecto de la configuración
gov-parameter-name = { $family ->
    [reward_multiplier] Multiplicador de recompensa de { $subject }
    [issuer_budget] Presupuesto de CITY por periodo de { $subject }
    [epoch_length] Duración de un periodo
    [city_expiry_epochs] Vigencia del CITY ganado
    [vote_decay_percent] Disminución del VOTE por periodo
    [resident_cap_city] Tope de CITY por residente y periodo
    [resident_cap_city_category] Tope de CITY por residente y periodo en { $subject }
    [resident_cap_vote] Tope de VOTE por residente y periodo
    [reservation_minutes] Cuánto tiempo vale una reserva
    [level_to_earn] Nivel de identidad necesario para ganar CITY y VOTE
    [level_to_vote] Nivel de identidad necesario para votar
   *[min_vote_to_propose] VOTE necesario para proponer
}
gov-value-expiry = { $n ->
    [0] nunca vence
    [one] vence tras 1 periodo
   *[other] vence tras { $n } periodos
}
gov-value-no-cap = sin tope
gov-value-decay = { $n }% por periodo
gov-value-epoch-length = { $unit ->
    [months] { $n ->
        [one] 1 mes
       *[other] { $n } meses
    }
    [weeks] { $n ->
        [one] 1 semana
       *[other] { $n } semanas
    }
   *[days] { $n ->
        [one] 1 día
       *[other] { $n } días
    }
}

## CITY a participatory budget funded an organization with (its page and console)
funded-title = Financiado por decisiones
funded-balance = { $amount } CITY financiados por decisiones de la ciudad, disponibles para emitir como recompensas
funded-explained = Las recompensas de las tareas de esta organización se pagan primero de su presupuesto del periodo y después de este CITY financiado, que no vence al cierre del periodo.
funded-by-decision = { $amount } CITY financiados por la decisión
funded-issued = Emitido como recompensas hasta ahora: { $amount } CITY
funded-account = Cuenta del libro contable: { $account }
