privileged-log-link = Registro de acciones privilegiadas
privileged-log-title = Registro de acciones privilegiadas
privileged-log-intro = Cada acto hecho con facultades especiales —por administradores, verificadores, cajeros, registradores, titulares de organizaciones y el operador—, en orden, cada entrada sellada a la anterior. Nada aquí se puede cambiar ni borrar.
privileged-log-chain-ok = { $count ->
    [one] La cadena se comprueba: su única entrada está intacta.
   *[other] La cadena se comprueba: las { $count } entradas están intactas.
}
privileged-log-chain-broken = La cadena no se comprueba: la entrada { $seq } { $reason ->
    [gap] falta.
    [link] no sigue a la entrada anterior.
    [hash] fue cambiada después de escribirse.
   *[other] no coincide con la cabeza del registro.
}
privileged-log-who = Quién (nombre de usuario)
privileged-log-what = Qué
privileged-log-what-any = Cualquier acción
privileged-log-dates-hint = Fechas según el reloj de la ciudad ({ $zone }); ambos extremos incluidos.
privileged-log-from = Desde
privileged-log-to = Hasta
privileged-log-filter = Mostrar
privileged-log-count = { $count ->
    [one] Una entrada.
   *[other] { $count } entradas.
}
privileged-log-csv = Descargue estas entradas (CSV)
privileged-log-entries = Entradas del registro
privileged-log-col-seq = Núm.
privileged-log-col-when = Cuándo
privileged-log-col-who = Quién
privileged-log-col-what = Qué
privileged-log-col-subject = Sobre
privileged-log-col-detail = Detalle
privileged-log-actor-gone = Una cuenta eliminada
privileged-log-actor-operator = El operador
privileged-log-capacity = { $capacity ->
    [administrator] como administrador
    [verifier] como verificador
    [cashier] como cajero
    [registrar] como registrador
    [owner] como titular
   *[operator] como operador
}
privileged-log-subject = { $kind ->
    [organization] Organización
    [account] Cuenta
    [city] La ciudad
    [category] Categoría
    [budget] Presupuesto
    [settlement] Estado de liquidación
    [identity_method] Método de verificación
    [comment] Comentario
    [protocol] Protocolo de ciudad
    [cycle] Ciclo de decisión
    [claim] Inscripción
    [redemption] Canje
    [peer] Ciudad par
    [proposal] Propuesta
    [parameter] Parámetro
    [privacy_notice] Aviso de privacidad
    [legal_hold] Retención legal
   *[other] Otra cosa
}
privileged-log-empty = Ninguna entrada coincide.
privileged-log-pages = Páginas del registro
privileged-log-csv-seq = número
privileged-log-csv-at-utc = hora (UTC)
privileged-log-csv-at-local = hora (reloj de la ciudad)
privileged-log-csv-who = quién
privileged-log-csv-capacity = calidad
privileged-log-csv-kind = tipo
privileged-log-csv-what = qué
privileged-log-csv-subject-kind = tipo de asunto
privileged-log-csv-subject = asunto
privileged-log-csv-detail = detalle
privileged-log-csv-hash = hash

privileged-action-organization-approved = Organización aprobada
privileged-action-organization-declined = Organización rechazada
privileged-action-account-suspended = Cuenta suspendida
privileged-action-account-restored = Cuenta restablecida
privileged-action-administrator-granted = Rol de administrador otorgado
privileged-action-administrator-revoked = Rol de administrador retirado
privileged-action-city-setting-changed = Ajuste de la ciudad cambiado
privileged-action-taxonomy-changed = Taxonomía de tareas ampliada
privileged-action-budget-changed = Presupuesto de emisor fijado
privileged-action-settlement-terms-changed = Términos de liquidación cambiados
privileged-action-settlement-marked-paid = Estado de liquidación marcado como pagado
privileged-action-identity-method-changed = Métodos de verificación de residentes cambiados
privileged-action-moderation-decided = Comentario moderado
privileged-action-protocol-imported = Protocolo de ciudad importado
privileged-action-cycle-created = Ciclo de decisión creado
privileged-action-cycle-edited = Ciclo de decisión editado
privileged-action-cycle-phase-advanced = Fase del ciclo iniciada antes
privileged-action-proof-approved = Comprobante aprobado
privileged-action-proof-rejected = Comprobante rechazado
privileged-action-attendance-confirmed = Asistencia confirmada
privileged-action-redemption-honored = Canje confirmado en el mostrador
privileged-action-resident-verified = Residente verificado en ventanilla
privileged-action-resident-verification-revoked = Verificación de residente revocada
privileged-action-member-invited = Miembro invitado
privileged-action-invitation-accepted = Invitación aceptada
privileged-action-member-role-changed = Rol de un miembro cambiado
privileged-action-member-removed = Miembro retirado
privileged-action-peer-blocked = Ciudad par bloqueada
privileged-action-peer-allowed = Ciudad par permitida
privileged-action-peer-unblocked = Ciudad par retirada de las listas
privileged-action-peer-followed = Ciudad par seguida
privileged-action-parameter-enacted = Parámetro aplicado por una propuesta aprobada
privileged-action-data-exported = Datos personales exportados
privileged-action-account-deleted = Cuenta eliminada
privileged-action-legal-hold-set = Retención legal establecida
privileged-action-legal-hold-lifted = Retención legal levantada
privileged-action-privacy-notice-published = Aviso de privacidad publicado
privileged-action-second-factor-enrolled = Segundo factor activado
privileged-action-second-factor-disabled = Segundo factor desactivado
privileged-action-second-factor-recovery-used = Código de recuperación usado
privileged-action-unknown = Acción desconocida
