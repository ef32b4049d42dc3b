error-follow-target-invalid = Escribe un identificador como @city@berkeley.example o la dirección web de un actor.
error-domain-invalid = Eso no es un nombre de dominio. Escribe uno como example.org.
error-follow-self = Esa es esta misma ciudad.
