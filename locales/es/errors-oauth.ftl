error-redirect-uri-invalid = Una dirección de retorno debe empezar con https://, ser http:// en esta computadora (127.0.0.1 o localhost) o usar el esquema propio de la aplicación (como org.example.app:/callback), escrita completa y en minúsculas (https://app.example/callback); no puede tener una parte # ni subir de carpeta con "..".
error-pkce-invalid = Esta aplicación debe usar PKCE con el método S256.
error-oauth-client-unknown = Esta aplicación no está registrada en esta ciudad (o fue eliminada). Pida a quienes la hacen que la registren de nuevo.
error-oauth-redirect-mismatch = La aplicación pidió devolverle a una dirección que no registró, así que City/Sync se detuvo aquí. No se compartió nada.
