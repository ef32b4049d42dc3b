## Aplicaciones que actúan por una persona residente (OAuth 2): la página de consentimiento,
## lo que permite cada alcance y las aplicaciones autorizadas en la configuración.

## La página de consentimiento
oauth-authorize-title = ¿Permitir que { $app } use su cuenta?
oauth-authorize-intro = La aplicación { $app } pide actuar en su nombre en { $city }. No se comparte nada hasta que elija Permitir.
oauth-signed-in-as = Sesión iniciada como
oauth-app-website = Sitio web de la aplicación
oauth-redirect-label = Su respuesta va a
oauth-redirect-web = { $host }
oauth-redirect-device = una aplicación en este dispositivo ({ $name })
oauth-app-unchecked = City/Sync no revisa las aplicaciones: el nombre y el sitio web son lo que la aplicación dice de sí misma. Continúe solo si la conoce y eligió usarla.
oauth-scopes-title = Si lo permite, { $app } podrá:
oauth-sensitive-title = Cuidado: también pide poderes importantes
oauth-sensitive-intro = Con estos, { $app } puede hacer en su nombre cosas que mueven crédito, emiten votos o deciden por otras personas. Permítalos solo si confía en esta aplicación como en usted misma o usted mismo.
oauth-revoke-later = Puede quitarle el acceso a esta aplicación cuando quiera desde su configuración.
oauth-approve = Permitir a { $app }
oauth-deny = Rechazar

## Lo que cada alcance permite a una aplicación, en palabras sencillas
scope-read = Ver su cuenta y todo lo que contiene: su perfil, su trabajo e inscripciones, su cartera, sus votos y sus notificaciones.
scope-read-wallet = Ver su cartera: cuánto CITY y VOTE tiene, sus reservas y su historial.
scope-write-claims = Inscribirle en oportunidades y cancelar esas inscripciones.
scope-write-proofs = Enviar en su nombre comprobantes de su trabajo (texto y fotos).
scope-write-catalog = Crear y cambiar tareas y oportunidades de las organizaciones que usted ayuda a dirigir.
scope-verify = Aprobar o rechazar el trabajo de otras personas como verificadora o verificador de sus organizaciones, lo que crea CITY y VOTE.
scope-redeem = Gastar su CITY: reservar ofertas y cancelar reservas en su nombre, y confirmar canjes en un mostrador que usted atiende.
scope-vote = Emitir y cambiar sus votos en las decisiones de la ciudad.
scope-write-proposals = Escribir propuestas y comentarios en su nombre.
scope-admin = Usar sus poderes de administración sobre toda la ciudad.

## Aplicaciones autorizadas, en la configuración
settings-apps-title = Aplicaciones autorizadas
settings-apps-intro = Las aplicaciones a las que permitió actuar en su nombre. Quite el acceso a las que ya no use: sus claves dejan de funcionar de inmediato.
settings-apps-empty = No ha permitido que ninguna aplicación use su cuenta.
settings-apps-scopes = Puede
settings-apps-authorized = Permitida el
settings-apps-last-used = Último uso
settings-apps-never = Nunca
settings-apps-revoke = Quitar el acceso a { $app }
settings-apps-revoked = Se quitó el acceso a la aplicación. Ya no puede actuar en su nombre.
