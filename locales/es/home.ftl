## Diseño para teléfono y página personal (issue 26)
home-menu = Menú
home-personal-title = Su inicio
home-personal-heading = Hola, { $username }
home-verified = Su correo electrónico está confirmado y ya inició sesión.
home-next-shift-title = Su próximo turno
home-next-shift-none = No tiene turnos próximos.
home-next-shift-claim = Ver su inscripción
home-find-work = Buscar algo que hacer
home-balance-title = Su saldo
home-balance-wallet = { $reservations ->
    [0] Abrir su cartera
    [one] Abrir su cartera (1 reserva)
   *[other] Abrir su cartera ({ $reservations } reservas)
}
home-needs-title = Lo que le espera
home-needs-nothing = Nada le espera por ahora.
home-needs-proof = Envíe el comprobante de «{ $title }»
home-needs-unread = { $count ->
    [one] 1 notificación sin leer
   *[other] { $count } notificaciones sin leer
}
home-needs-invitations = { $count ->
    [one] 1 invitación a unirse a una organización
   *[other] { $count } invitaciones a unirse a una organización
}
home-needs-queue = { $count ->
    [one] 1 comprobante por verificar para { $organization }
   *[other] { $count } comprobantes por verificar para { $organization }
}
home-needs-organizations = { $count ->
    [one] 1 organización espera aprobación
   *[other] { $count } organizaciones esperan aprobación
}
home-soon-title = Inscripciones abiertas pronto
home-soon-all = Todas las oportunidades
home-address = Dirección
home-open-in-maps = Abrir en mapas
home-org-address-title = Dirección postal
home-org-address-label = Dirección
home-org-address-hint = Calle, número, colonia y código postal, en una línea (como máximo { $max } caracteres). Se muestra en su página, sus ofertas y sus oportunidades con un enlace al mapa.
home-org-address-save = Guardar la dirección
home-map-tiles-caption = El norte está arriba. Las calles vienen del servidor de mapas de la ciudad.
home-map-tiles-credit = Mapa: { $credit }
