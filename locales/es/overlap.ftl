# Detección de solapamientos: trabajo parecido en los formularios de borrador, el informe
# mensual de la administración y las organizaciones que trabajan cerca en una consola.

overlap-reason-separator = {", "}
overlap-reason-same-category = misma categoría
overlap-reason-different-category = otra categoría
overlap-reason-text-similar = texto { $percent } % parecido
overlap-reason-nearby = { $meters ->
    [0] en el mismo lugar
   *[other] a { $meters } m
}
overlap-reason-same-day = el mismo { $weekday ->
    [1] lunes
    [2] martes
    [3] miércoles
    [4] jueves
    [5] viernes
    [6] sábado
   *[7] domingo
}{ $part ->
    [morning] {" "}por la mañana
    [afternoon] {" "}por la tarde
    [evening] {" "}por la noche
   *[day] {" "}({ $date })
}
overlap-reason-time-overlap = los horarios se solapan { $minutes } min

overlap-title = { $count ->
    [one] Ya existe algo parecido
   *[other] Ya existen { $count } cosas parecidas
}
overlap-intro = Antes de guardar, vea lo que otras organizaciones ya hacen. Trabajar juntas llega a más residentes que hacer lo mismo dos veces.
overlap-by = de { $organization }
overlap-from-city = desde { $domain }
overlap-why = Parecido { $score } de 100: { $reasons }.
overlap-adopt = Adoptar «{ $title }» en su lugar
overlap-coissue = Coemitir con { $organization }
overlap-coissue-hint = Coemitir guarda su borrador e invita a la organización a compartirlo: cada socia paga su parte de la recompensa con su propio presupuesto.
overlap-continue-hint = Si lo suyo es distinto, guárdelo tal como está.
overlap-continue = Continuar de todos modos

overlap-report-title = Informe de solapamientos
overlap-report-intro = Programas de organizaciones distintas que parecían el mismo trabajo en { $month }: sus oportunidades de ese mes comparadas por pares, con cuántos residentes alcanzó cada programa.
overlap-report-month = Mes
overlap-report-show = Mostrar
overlap-report-previous = Mes anterior
overlap-report-next = Mes siguiente
overlap-report-compared = { $count ->
    [one] Se comparó una oportunidad.
   *[other] Se compararon { $count } oportunidades.
}
overlap-report-empty = Ningún par de programas se duplicó este mes.
overlap-report-caption = Programas que se duplican
overlap-report-first = Programa
overlap-report-second = Duplicado por
overlap-report-score = Parecido
overlap-report-why = Por qué
overlap-report-program = { $title } ({ $organization })
overlap-report-reach = { $opportunities ->
    [one] una oportunidad
   *[other] { $opportunities } oportunidades
}, { $residents ->
    [one] un residente alcanzado
   *[other] { $residents } residentes alcanzados
}
overlap-report-link = Informe de solapamientos

overlap-neighbors-title = Quién más trabaja en sus categorías y lugares
overlap-neighbors-intro = Organizaciones con plantillas activas en sus categorías, u oportunidades abiertas a menos de 2 km de las suyas. Hable con ellas antes de empezar lo mismo: pueden coemitir.
overlap-neighbors-empty = Todavía ninguna otra organización trabaja en sus categorías ni cerca de sus lugares.
overlap-neighbors-categories = Categorías compartidas: { $categories }
overlap-neighbors-nearby = { $count ->
    [one] una oportunidad cerca
   *[other] { $count } oportunidades cerca
}, la más cercana a { $meters } m
