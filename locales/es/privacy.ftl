## El aviso de privacidad, su aceptación, la conservación de datos y la retención legal (issue 27).

privacy-footer-link = Aviso de privacidad
privacy-title = Aviso de privacidad
privacy-version = Versión { $version }
privacy-published = publicada el { $date }
privacy-default-version = el primer aviso de la ciudad
privacy-not-in-force = Esta versión ya no está vigente: la vigente es la versión { $current }.
privacy-read-current = Lea el aviso vigente.
privacy-other-language = Este aviso no se ha redactado en su idioma; se muestra en el idioma en que se redactó.
privacy-versions = Todas las versiones

privacy-signup-accept = He leído y acepto el aviso de privacidad (versión { $version }).
privacy-signup-read = Leer el aviso de privacidad
privacy-accept-title = Un nuevo aviso de privacidad
privacy-accept-intro = La ciudad publicó la versión { $version } de su aviso de privacidad. Por favor, léala y acéptela para continuar.
privacy-accept-box = He leído y acepto la versión { $version } del aviso de privacidad.
privacy-accept-submit = Aceptar y continuar
privacy-accept-sign-out = Mejor cerrar sesión
error-privacy-not-accepted = Por favor, lea el aviso de privacidad vigente y marque la casilla para aceptarlo.

privacy-admin-link = Aviso de privacidad
privacy-admin-title = Aviso de privacidad
privacy-admin-intro = La versión { $current } está vigente. Al publicar se crea la versión { $next }: a cada residente se le pide aceptarla en su siguiente página, y las versiones anteriores siguen disponibles.
privacy-admin-read-current = Ver la versión { $version } como la ven los residentes
privacy-admin-text = Texto en { $language }
privacy-admin-text-hint = Párrafos simples, separados por una línea en blanco. Deje un idioma vacío para mostrar en su lugar el idioma predeterminado de la ciudad, que es obligatorio.
privacy-admin-publish = Publicar la versión { $version }
privacy-admin-published = La versión { $version } está publicada y vigente.

legal-hold-on = En retención legal desde { $date }
legal-hold-reason = Motivo de la retención legal (o de levantarla)
legal-hold-set = Poner a { $username } en retención legal
legal-hold-lift = Levantar la retención legal de { $username }
error-legal-hold = Esta cuenta está en retención legal: no se puede eliminar nada de ella hasta que una persona administradora levante la retención.

privacy-default-who = { $city } opera este sitio de City/Sync para su programa de trabajo cívico: las organizaciones publican tareas cívicas, los residentes se inscriben en ellas y las realizan, y el trabajo verificado otorga CITY (para gastar en comercios locales) y VOTE (para las decisiones de la ciudad). Este aviso le dice qué datos personales conserva la ciudad sobre usted, para qué, por cuánto tiempo y qué puede solicitar.
privacy-default-kept = Qué se conserva: su nombre de usuario, su correo electrónico y el idioma que eligió; el perfil público que decida mostrar; las tareas en las que se inscribe, los comprobantes que envía (texto, fotos y, si decide compartirlas, coordenadas) y cómo se verificaron; sus movimientos de CITY y VOTE en el libro contable; sus sesiones; y, para evitar abusos, las direcciones de red (IP) de las solicitudes para iniciar sesión, registrarse o recibir correos.
privacy-default-why = Para qué: para que usted participe (tomar tareas, comprobarlas y recibir el crédito), para que las organizaciones las verifiquen, para mantener correctos y auditables el libro contable y el registro público de la ciudad, para proteger su cuenta y para escribirle sobre su cuenta y su trabajo.
privacy-default-periods = Por cuánto tiempo: fotos de comprobantes { $photo_days } días; coordenadas enviadas con los comprobantes { $location_days } días; direcciones IP { $ip_days } días; sesiones terminadas { $session_days } días; correos enviados { $mail_days } días. Las contribuciones verificadas y los movimientos del libro contable son el registro público de la ciudad y se conservan con su seudónimo.
privacy-default-hold = Cuando la ley lo exige (un juicio, una auditoría, una solicitud de información), una persona administradora puede poner una cuenta en retención legal: entonces no se elimina nada de ella hasta que se levante la retención.
privacy-default-rights = Sus derechos (ARCO): acceso y exportación (ver y descargar sus datos desde su configuración), rectificación (corregir lo que esté mal), cancelación (solicitar que se elimine su cuenta) y oposición (oponerse a un uso de sus datos). { $has_contact ->
    [yes] Escriba a { $contact } para ejercerlos.
   *[no] Solicítelo a la administración de la ciudad para ejercerlos.
}
