error-follow-target-invalid = Escriba un identificador como @city@berkeley.example o la dirección web de un actor.
error-domain-invalid = Eso no es un nombre de dominio. Escriba uno como example.org.
error-follow-self = Esa es esta misma ciudad.
error-fediverse-handle-invalid = Escriba un identificador del fediverso como @alicia@mastodon.example.
error-fediverse-actor-taken = Esta cuenta del fediverso ya está vinculada a otra persona de esta ciudad. Una cuenta solo puede vincularse a una persona.
error-fediverse-already-linked = Ya hay una cuenta del fediverso vinculada a la suya. Desvincúlela primero.
error-fediverse-link-other-account = Este enlace se envió para otra cuenta de esta ciudad. Inicie sesión como la persona que lo pidió.
