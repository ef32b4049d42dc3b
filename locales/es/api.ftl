# Los mensajes propios de la API JSON (el resto de sus errores son los de las páginas web).
error-app-token-no-resident = Este token pertenece a una aplicación, no a un residente, así que no puede actuar en nombre de nadie. Inicie la sesión del residente con el flujo de código de autorización.
error-cursor-invalid = Este cursor de página no lo entregó City/Sync. Vuelva a empezar desde la primera página.
api-docs-title = API de City/Sync
api-docs-intro = Todas las operaciones de la API JSON de esta ciudad, generadas a partir del código. Las aplicaciones actúan en nombre de residentes con tokens OAuth 2; las lecturas públicas no necesitan token. Abajo está el documento legible por máquinas.
api-docs-public = Pública: no necesita token
api-docs-scope = Permiso
api-docs-responses = Respuestas
error-transition-unknown = City/Sync no conoce este cambio de estado. Una plantilla puede activarse o retirarse; una oportunidad, publicarse, cerrarse o cancelarse.
error-request-malformed = City/Sync no pudo leer esta solicitud: falta un campo, tiene un tipo equivocado o el cuerpo no es JSON válido. El detalle indica dónde.
