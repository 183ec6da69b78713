# Latchkey: Español.
# Message ids are shared by every language; see docs/languages.md.

## Sign-in page (login.html)

login-title = Iniciar sesión
login-continue-to = para continuar en <strong>{ $client }</strong>
login-reauth = Confirma que eres tú: vuelve a iniciar sesión para hacer este cambio.
login-username = Nombre de usuario
login-password = Contraseña
login-sign-in = Iniciar sesión
login-or = o
login-passkey = Iniciar sesión con una llave de acceso
login-passkey-needs-js = Iniciar sesión con una llave de acceso requiere JavaScript.
login-lost-passkey = ¿Perdiste tu llave de acceso?
login-create-account = Crear una cuenta
login-missing-fields = Introduce tu nombre de usuario y tu contraseña.
login-failed = Nombre de usuario o contraseña incorrectos. Tras varios intentos fallidos, la cuenta se bloquea durante un tiempo.
login-form-unreadable = No se pudo leer el formulario de inicio de sesión.

## Error pages (error.html and the errors of every page)

error-bad-request = Solicitud incorrecta
error-forbidden = Prohibido
error-not-found = No encontrado
error-not-found-message = Aquí no hay nada.
error-page-not-found = Página no encontrada
error-page-not-found-message = No hay ninguna página en esta dirección. Puede que el enlace esté mal escrito o desactualizado.
error-link-account = Ir a su cuenta
error-link-sign-in = Iniciar sesión
error-conflict = Conflicto
error-conflict-taken = Ese valor ({ $what }) ya está en uso.
error-too-many-requests = Demasiadas solicitudes
error-too-many-requests-message = Demasiados intentos. Espera un momento y vuelve a intentarlo.
error-busy = Ocupado
error-busy-message = El servidor está ocupado comprobando contraseñas. Vuelve a intentarlo en unos segundos.
error-internal = Algo salió mal
error-internal-message = El servidor no pudo completar la solicitud. Vuelve a intentarlo.

## Second step at sign-in (second_factor.html)

step-title = Segundo paso
step-up-title = Confirmar con un segundo factor
step-sign-in-again = Volver a iniciar sesión
step-up-intro = { $client } pide un segundo factor. Escribe el código que muestra tu aplicación de autenticación o uno de tus códigos de respaldo.
step-intro = Escribe el código que muestra tu aplicación de autenticación o uno de tus códigos de respaldo.
step-code = Código
step-verify = Verificar
step-passkey-instead = Iniciar sesión con una llave de acceso en su lugar

## Consent (consent.html)

consent-title = ¿Permitir a { $client }?
consent-heading = <strong>{ $client }</strong> quiere acceder a tu cuenta
consent-signed-in-as = Sesión iniciada como { $username }.
consent-registered = Esta aplicación se registró por sí misma: tu administrador no ha comprobado su nombre. Continúa solo si confías en ella.
consent-returns-to = Te enviará de vuelta a <strong>{ $host }</strong>.
consent-about = Acerca de { $client }
consent-device = Un dispositivo pide iniciar sesión como tú. Permítelo solo si muestra el código <strong class="user-code">{ $code }</strong> y tú mismo iniciaste este acceso.
consent-asking = { $client } solicita:
consent-allow = Permitir
consent-deny = Denegar
consent-link-homepage = Página de inicio
consent-link-policy = Política de privacidad
consent-link-tos = Condiciones del servicio

## Sign-out (logout.html, signed_out.html)

logout-title = Cerrar sesión
logout-heading = ¿Cerrar sesión?
logout-signed-in-as = Has iniciado sesión como <strong>{ $username }</strong>.
logout-signed-in-as-client = Has iniciado sesión como <strong>{ $username }</strong>; <strong>{ $client }</strong> ha pedido cerrar tu sesión.
logout-sign-out = Cerrar sesión
signed-out-title = Sesión cerrada
signed-out-heading = Has cerrado sesión
signed-out-everywhere = Todas las sesiones de tu cuenta han terminado y las aplicaciones que usabas deben pedirte que vuelvas a iniciar sesión.
signed-out-close = Puedes cerrar esta ventana o <a href="/login">volver a iniciar sesión</a>.

## No access to an application (no_access.html)

no-access-title = Sin acceso a { $client }
no-access-heading = No tienes acceso a { $client }
no-access-message = Has iniciado sesión como { $username } y esta cuenta no puede usar { $client }. Si debería poder, pide a un administrador que te añada a uno de sus grupos.
no-access-back = Volver a { $client }

## Device sign-in (device.html, device_done.html)

device-title = Iniciar sesión en un dispositivo
device-intro = Introduce el código que muestra tu dispositivo (televisor, consola, línea de comandos…).
device-prefilled = El código de abajo venía con el enlace que seguiste. Continúa solo si tu propio dispositivo lo muestra y tú mismo iniciaste este acceso.
device-code = Código
device-continue = Continuar
device-another = Iniciar sesión en otro dispositivo

## Returning to the application (form_post.html)

form-post-title = Continuar
form-post-heading = Volviendo a la aplicación…
form-post-no-js = JavaScript está desactivado: pulsa el botón para continuar.
form-post-continue = Continuar

## Scopes on the consent page (oidc::claims::describe)

scope-openid = Iniciar tu sesión y conocer tu identificador de usuario
scope-profile = Tu nombre, nombre de usuario, foto e idioma
scope-email = Tu dirección de correo electrónico
scope-phone = Tu número de teléfono
scope-groups = Los grupos a los que perteneces
scope-offline-access = Mantener la sesión iniciada cuando no la usas
scope-admin = Administrar Latchkey en tu nombre
scope-unknown = Permiso desconocido
scope-claims = Tus datos: { $claims }

## Messages of the sign-in flow (http::oidc, http::second_step)

flow-request-expired = Esta solicitud de inicio de sesión ha caducado o ya se completó. Vuelve a la aplicación y empieza de nuevo.
flow-redirect-uri-invalid = La URI de redirección no es válida.
flow-request-malformed = La solicitud de autorización está mal formada.
flow-client-unknown = La aplicación que te envió aquí no está registrada.
step-wrong-code = Código incorrecto. Tras varios intentos fallidos, la cuenta se bloquea durante un tiempo.
step-expired = Este inicio de sesión ha caducado o ya se completó. Vuelve a iniciar sesión.
step-locked = Demasiados intentos fallidos: la cuenta está bloqueada durante un tiempo. Vuelve a iniciar sesión más tarde.
step-wrong-enrol-code = Ese código no es correcto. Escribe el código que muestra ahora tu aplicación de autenticación.
step-enrol-heading = Configurar un segundo factor
step-enrol-intro = Este inicio de sesión necesita un segundo factor. Configura ahora una aplicación de autenticación; a partir de entonces confirmarás cada inicio de sesión con un código de ella.
logout-malformed = La solicitud de cierre de sesión está mal formada.
logout-redirect-invalid = La URI de redirección tras cerrar sesión no es válida.
logout-needs-client = Una redirección tras cerrar sesión necesita una aplicación conocida (client_id o id_token_hint).
logout-redirect-unregistered = La URI de redirección tras cerrar sesión no está registrada para esta aplicación.
logout-bad-hint = El id_token_hint no es un token de identidad válido de este proveedor.

## Device sign-in results (http::oidc::device)

device-wrong-code = Ese código no es válido. Comprueba el código que muestra tu dispositivo (caduca a los pocos minutos) y vuelve a intentarlo.
device-approved-title = Dispositivo con sesión iniciada
device-approved = { $client } ha iniciado sesión en tu dispositivo. Puedes cerrar esta página y volver a él.
device-denied-title = Dispositivo sin sesión iniciada
device-denied = Has denegado el acceso a { $client }. El dispositivo no iniciará sesión.
device-refused-title = { $client } no inició sesión
device-refused = El dispositivo no inició sesión: { $reason }.
device-gone-title = Código caducado
device-gone = Este código ha caducado o ya se usó. Empieza de nuevo en tu dispositivo.

## Refused authorization requests (oidc::authorize, oidc::par; shown on the error page)

authorize-param-too-long = Un parámetro de la solicitud es demasiado largo.
authorize-no-client = La solicitud no indica ninguna aplicación (falta client_id).
authorize-no-redirect-uri = La solicitud no tiene redirect_uri.
authorize-redirect-unregistered = La URI de redirección de la solicitud no está registrada para esta aplicación.
authorize-pushed-unusable = Esta solicitud de inicio de sesión ha caducado o ya se usó (invalid_request_uri). Vuelve a la aplicación y empieza de nuevo.

## E-mails (mail.rs): subjects and bodies, plain text; lines are kept as written

mail-invite-subject = Tu invitación a { $site }
mail-invite-body =
    Te han invitado a iniciar sesión en { $site }.

    Abre este enlace para crear una llave de acceso o establecer una contraseña:

    { $url }

    El enlace funciona una vez y caduca el { $expires }.
    Si no esperabas esta invitación, ignora este mensaje.
mail-recovery-subject = Recupera tu cuenta en { $site }
mail-recovery-body =
    Un administrador ha creado un enlace para recuperar tu cuenta en { $site }.

    Abre este enlace para crear una nueva llave de acceso o establecer una nueva contraseña:

    { $url }

    El enlace funciona una vez y caduca el { $expires }.
    Si no lo pediste, avisa a tu administrador.
mail-self-recovery-when-delayed =
    Por tu seguridad, el enlace empieza a funcionar solo a partir del { $from }
    y después funciona una vez, hasta el { $expires }.
mail-self-recovery-when = El enlace funciona una vez y caduca el { $expires }.
mail-self-recovery-cancel-delayed =
    Si no lo pediste, puede que alguien intente apoderarse de tu
    cuenta: inicia sesión como siempre antes del { $from }, abre la página de tu cuenta
    ({ $issuer }/account) y pulsa «Cancelar recuperación».
mail-self-recovery-cancel = Si no lo pediste, avisa de inmediato a tu administrador.
mail-self-recovery-body =
    Alguien, probablemente tú, pidió en la página de inicio de sesión de { $site } un enlace
    para recuperar la cuenta { $username }, cuya llave de acceso o contraseña se perdió.

    Abre este enlace para crear una nueva llave de acceso o establecer una nueva contraseña:

    { $url }

    { $when }
    Usarlo cierra la sesión de la cuenta en todas partes.

    { $cancel }
mail-verify-subject = Verifica tu dirección de correo en { $site }
mail-verify-body =
    Alguien, probablemente tú, pidió verificar esta dirección de correo para una
    cuenta en { $site }.

    Abre este enlace y confirma:

    { $url }

    El enlace funciona una vez y caduca el { $expires }.
    Si no lo pediste, ignora este mensaje.
mail-signup-subject = Crea tu cuenta en { $site }
mail-signup-approved = Tu solicitud de la cuenta { $username } en { $site } ha sido aprobada.
mail-signup-asked =
    Alguien, probablemente tú, pidió crear la cuenta { $username } en { $site }
    con esta dirección de correo.
mail-signup-body =
    { $opening }

    Abre este enlace para terminar: crea una llave de acceso o establece una contraseña.

    { $url }

    El enlace funciona una vez y caduca el { $expires }.
    No existe ninguna cuenta hasta que se use. Si no lo pediste,
    ignora este mensaje.
mail-signup-verify-subject = Confirma tu registro en { $site }
mail-signup-verify-body =
    Alguien, probablemente tú, pidió crear la cuenta { $username } en { $site }
    con esta dirección de correo.

    Abre este enlace y confirma la solicitud:

    { $url }

    El enlace funciona una vez y caduca el { $expires }. Después, un administrador
    revisa la solicitud; si la aprueba, recibirás otro correo
    con un enlace para crear tu llave de acceso o tu contraseña.
    Si no lo pediste, ignora este mensaje.
mail-signup-existing-subject = Tu cuenta en { $site }
mail-signup-existing-body =
    Alguien, probablemente tú, pidió crear una cuenta en { $site } con esta
    dirección de correo. Ya tienes una cuenta con esta dirección, así que no
    se ha creado ninguna cuenta nueva.

    Inicia sesión como siempre en { $issuer }/login . Si perdiste tu llave de acceso u
    olvidaste tu contraseña, pulsa «¿Perdiste tu llave de acceso?» en la página de inicio de sesión
    ({ $issuer }/recover) para recibir un enlace de recuperación; si no llega ninguno, pregunta a tu
    administrador.

    Si no lo pediste, ignora este mensaje.
mail-change-subject = Tus métodos de inicio de sesión en { $site } han cambiado
mail-change-passkey-added = Se añadió una llave de acceso a tu cuenta { $username } en { $site }{ $detail }.
mail-change-passkey-removed = Se quitó una llave de acceso de tu cuenta { $username } en { $site }{ $detail }.
mail-change-password-set = Se estableció una contraseña para tu cuenta { $username } en { $site }{ $detail }.
mail-change-password-changed = Se cambió la contraseña de tu cuenta { $username } en { $site }{ $detail }.
mail-change-password-removed = Se quitó la contraseña de tu cuenta { $username } en { $site }{ $detail }.
mail-change-authenticator-added = Se configuró una aplicación de autenticación para tu cuenta { $username } en { $site }{ $detail }.
mail-change-authenticator-removed = Se quitaron la aplicación de autenticación y los códigos de respaldo de tu cuenta { $username } en { $site }{ $detail }.
mail-change-second-factor-reset = Un administrador quitó la aplicación de autenticación y los códigos de respaldo de tu cuenta { $username } en { $site }{ $detail }.
mail-change-body =
    { $what }

    Si fuiste tú, no hay nada que hacer.
    Si no, puede que otra persona esté usando tu cuenta: avisa de inmediato a tu
    administrador.

## Account recovery (recover.html)

recover-title = Recuperar tu cuenta
recover-sent = Si esta dirección pertenece a una cuenta y está verificada, se le está enviando un enlace de recuperación.
recover-sent-delay = Por tu seguridad, el enlace empieza a funcionar solo { $delay } después de enviarse. Mientras tanto, el titular de la cuenta puede cancelarlo iniciando sesión.
recover-no-mail = ¿No llega ningún correo en unos minutos? Entonces no se puede enviar un enlace a esa dirección: pide a tu administrador que te ayude a recuperar tu cuenta.
recover-back = Volver al inicio de sesión
recover-intro = ¿Perdiste tu llave de acceso u olvidaste tu contraseña? Escribe la dirección de correo de tu cuenta y te enviaremos un enlace para añadir una nueva llave de acceso o establecer una nueva contraseña.
recover-delay = Por tu seguridad, el enlace empieza a funcionar solo { $delay } después de enviarse.
recover-email = Correo electrónico
recover-send = Enviar enlace de recuperación
recover-verified-only = Solo las direcciones verificadas reciben un enlace. Si la tuya no lo está, pide ayuda a tu administrador.

## Sign-up (signup.html, signup_verify.html)

signup-title = Crear una cuenta
signup-check-mail = Revisa tu correo.
signup-sent-approval = Si la dirección puede recibir correo, se le está enviando un mensaje con un enlace para confirmar tu solicitud. Cuando la confirmes, un administrador la revisará; si la aprueba, recibirás un segundo correo con un enlace para crear tu llave de acceso o tu contraseña.
signup-sent-link = Si la dirección puede recibir correo, se le está enviando un mensaje con un enlace para terminar de crear tu cuenta. El enlace funciona una vez, durante 24 horas.
signup-sent-existing = Si la dirección ya pertenece a una cuenta, el mensaje lo indica y explica cómo volver a entrar.
signup-intro-approval = Solicita una cuenta: te enviamos un enlace para confirmar tu dirección y luego un administrador revisa tu solicitud.
signup-intro-domains = Las direcciones de { $domains } pueden crear una cuenta: te enviamos un enlace para terminarla con una llave de acceso o una contraseña.
signup-username = Nombre de usuario
signup-username-hint = Letras minúsculas, dígitos, '.', '_', '-' y '@'; con él inicias sesión.
signup-email = Correo electrónico
signup-name = Nombre
signup-name-hint = Opcional: cómo te saludan las aplicaciones.
signup-submit = Registrarse
signup-verify-title = Confirma tu registro
signup-verify-done-heading = Registro confirmado
signup-verify-done = Gracias: tu solicitud de la cuenta <strong>{ $username }</strong> está confirmada.
signup-verify-review = Un administrador la revisa ahora. Si la aprueba, recibirás un correo con un enlace para crear tu llave de acceso o tu contraseña.
signup-verify-confirm-text = Confirma que pediste la cuenta <strong>{ $username }</strong> con la dirección de correo <strong>{ $email }</strong>. Después, un administrador revisa la solicitud.
signup-verify-confirm = Confirmar
signup-verify-ignore = Si no lo pediste, cierra esta página: no pasará nada.

## E-mail address verification (verify_email.html)

verify-email-title = Verifica tu dirección de correo
verify-email-done-heading = Dirección de correo verificada
verify-email-done = Tu dirección de correo <strong>{ $email }</strong> está verificada.
verify-email-go-account = Ir a tu cuenta
verify-email-sign-in-text = Este enlace verifica <strong>{ $email }</strong> para una cuenta. Inicia sesión en esa cuenta para confirmarlo; si no lo pediste, ignóralo.
verify-email-sign-in = Iniciar sesión para confirmar
verify-email-confirm-text = Confirma que <strong>{ $email }</strong> es la dirección de correo de tu cuenta <strong>{ $username }</strong>.
verify-email-submit = Verificar dirección de correo

## Authenticator app and backup codes (totp_enrol.html, backup_codes.html)

totp-title = Configurar una aplicación de autenticación
totp-scan-heading = 1. Añade esta cuenta a tu aplicación
totp-scan = Escanea el código QR con una aplicación de autenticación (por ejemplo Aegis, Google Authenticator, Microsoft Authenticator o 1Password).
totp-type-key = O escribe esta clave en la aplicación (basada en tiempo, 6 dígitos, cada 30 segundos):
totp-verify-heading = 2. Introduce el código que muestra la aplicación
totp-code = Código
totp-verify = Verificar
totp-cancel = Cancelar
backup-title = Tus códigos de respaldo
backup-keep = Guarda estos códigos en un lugar seguro, como un gestor de contraseñas o en papel. Cada uno funciona una vez, en lugar de un código de tu aplicación de autenticación, si la pierdes. Solo se muestran ahora.
backup-heading = Códigos de respaldo
backup-continue = Continuar

## Invites and recovery links (invite.html)

invite-title-recovery = Añadir una forma de iniciar sesión
invite-title-signup = Terminar de crear tu cuenta
invite-title = Aceptar tu invitación
invite-recovery-text = Este enlace permite a <strong>{ $username }</strong> añadir una nueva llave de acceso.
invite-recovery-text-password = Este enlace permite a <strong>{ $username }</strong> añadir una nueva llave de acceso o establecer una nueva contraseña.
invite-welcome = Te damos la bienvenida, { $username }
invite-signup-text = Termina de crear tu cuenta <strong>{ $username }</strong>: crea una llave de acceso o establece una contraseña.
invite-signup-text-email = Termina de crear tu cuenta <strong>{ $username }</strong> ({ $email }): crea una llave de acceso o establece una contraseña.
invite-text = Te han invitado a crear una cuenta con el nombre de usuario <strong>{ $username }</strong>.
invite-text-email = Te han invitado a crear una cuenta con el nombre de usuario <strong>{ $username }</strong> ({ $email }).
invite-admin = Serás administrador.
invite-expires = Este enlace funciona una vez y caduca { $expires }.
invite-passkey-heading = Llave de acceso
invite-passkey-text = Una llave de acceso te permite iniciar sesión con el bloqueo de pantalla de tu dispositivo o una llave de seguridad, sin contraseña.
invite-create-passkey = Crear una llave de acceso
invite-password-heading = Contraseña
invite-new-password = Nueva contraseña
invite-confirm-password = Confirmar contraseña
invite-set-password = Establecer contraseña

## Notices and refusals of the account page and of links (http::account, invite, signup, verify_email)

notice-profile-saved = Tu perfil se ha guardado.
notice-password-saved = Tu contraseña se ha guardado. Se ha cerrado la sesión en tus otras sesiones.
notice-password-removed = Tu contraseña se ha quitado.
notice-passkey-renamed = La llave de acceso se ha renombrado.
notice-passkey-removed = La llave de acceso se ha quitado.
notice-passkey-added = Tu nueva llave de acceso está lista.
notice-session-ended = Se ha cerrado esa sesión.
notice-app-revoked = Se ha revocado el acceso de la aplicación.
notice-verification-sent = Se está enviando un enlace de verificación a tu dirección de correo.
notice-totp-enrolled = Tu aplicación de autenticación está configurada.
notice-backup-codes = Tus nuevos códigos de respaldo están listos; los antiguos ya no funcionan.
notice-totp-removed = Se han quitado tu aplicación de autenticación y tus códigos de respaldo.
notice-recovery-cancelled = Se ha cancelado la recuperación: su enlace ya no funciona.
password-mismatch = Las dos contraseñas no coinciden.
totp-wrong-code = Ese código no es correcto. Comprueba la hora de tu dispositivo e introduce el código que muestra ahora la aplicación.
invite-invalid = Este enlace de invitación no es válido. Comprueba que copiaste el enlace completo o pide una nueva invitación.
invite-used = Esta invitación ya se usó. Inicia sesión en su lugar o pide una nueva invitación.
invite-revoked = Esta invitación se ha retirado. Pide una nueva a tu administrador.
invite-expired = Esta invitación ha caducado. Pide una nueva a tu administrador.
invite-not-yet = Por tu seguridad, este enlace de recuperación solo funciona tras un periodo de espera; el correo que lo trajo indica cuándo. Ábrelo de nuevo entonces. Si no lo pediste, inicia sesión y cancela la recuperación en la página de tu cuenta.
invite-second-factor = Esta cuenta está protegida por una aplicación de autenticación, que un enlace enviado por correo no puede sustituir. Inicia sesión con tu contraseña y tu aplicación de autenticación o un código de respaldo, o pide a tu administrador que recupere tu cuenta.
invite-role-holder = Esta cuenta administra Latchkey, algo que un enlace enviado por correo no puede transferir. Pide a otro administrador que recupere tu cuenta o ejecuta latchkey user recover en el servidor.
invite-username-taken = El nombre de usuario invitado ahora pertenece a otra persona. Pide una nueva invitación a tu administrador.
invite-signup-taken = Otra persona tomó este nombre de usuario después de que lo pidieras, así que no se creó ninguna cuenta. Regístrate de nuevo con otro nombre de usuario.
invite-account-gone = La cuenta para la que era esta invitación ya no existe.
signup-already-confirmed = Esta solicitud de registro ya se confirmó. Un administrador la revisará; recibirás un correo si se aprueba.
signup-link-expired = Este enlace de confirmación ha caducado. Regístrate de nuevo para recibir uno nuevo.
signup-link-invalid = Este enlace de confirmación no es válido. Comprueba que copiaste el enlace completo o regístrate de nuevo.
verify-link-used = Este enlace de verificación ya se usó. Si tu dirección aún no está verificada, pide un nuevo enlace en la página de tu cuenta.
verify-link-expired = Este enlace de verificación ha caducado. Pide uno nuevo en la página de tu cuenta.
verify-link-stale = Este enlace se envió a una dirección que ya no es la de tu cuenta. Pide un nuevo enlace en la página de tu cuenta.
verify-link-other-account = Este enlace de verificación se envió para una cuenta distinta de aquella con la que has iniciado sesión. Si no lo pediste, alguien escribió tu dirección en su propia cuenta: ignóralo.
verify-link-sign-in = Inicia sesión en la cuenta para la que se envió este enlace de verificación y vuelve a abrir el enlace. Si no lo pediste, ignóralo.
verify-link-invalid = Este enlace de verificación no es válido. Comprueba que copiaste el enlace completo o pide uno nuevo en la página de tu cuenta.
csrf-expired = Este formulario ha caducado o procede de otro sitio. Vuelve atrás, recarga la página e inténtalo de nuevo.

## Passkey messages (http::webauthn, shown by webauthn.js)

passkey-reauth = Confirma que eres tú: vuelve a iniciar sesión.
passkey-not-found = No encontrado.
passkey-expired = Esta solicitud de llave de acceso ha caducado. Vuelve a intentarlo.
passkey-refused = No se pudo usar esta llave de acceso para iniciar sesión aquí.
passkey-duplicate = Esta llave de acceso ya está registrada.
passkey-other-site = Esta solicitud procede de otro sitio.
passkey-session-ended = Tu sesión ha terminado. Vuelve a iniciar sesión.
passkey-reauth-add = Confirma que eres tú: vuelve a iniciar sesión para añadir una llave de acceso.
invite-invalid-short = Este enlace de invitación no es válido.
invite-used-short = Esta invitación ya se usó.
invite-revoked-short = Esta invitación se ha retirado.
invite-expired-short = Esta invitación ha caducado.
invite-second-factor-short = Esta cuenta está protegida por una aplicación de autenticación, que un enlace enviado por correo no puede sustituir: pide a tu administrador que recupere tu cuenta.
invite-role-holder-short = Esta cuenta administra Latchkey, algo que un enlace enviado por correo no puede transferir: pide a otro administrador que recupere tu cuenta.
invite-username-taken-short = El nombre de usuario invitado ahora pertenece a otra persona.

## Titles of refused links (http::invite, signup, verify_email)

invite-not-found-title = Invitación no encontrada
invite-used-title = Invitación ya usada
invite-revoked-title = Invitación retirada
invite-expired-title = Invitación caducada
invite-not-yet-title = Enlace de recuperación aún no utilizable
invite-second-factor-title = La recuperación necesita a tu administrador
invite-role-holder-title = La recuperación necesita a otro administrador
invite-username-taken-title = Nombre de usuario en uso
invite-account-exists-title = La cuenta existe
invite-account-gone-title = Cuenta eliminada
link-already-confirmed-title = Ya confirmado
link-expired-title = Enlace caducado
link-invalid-title = Enlace no válido
link-used-title = Enlace ya usado
link-address-changed-title = Dirección cambiada
link-other-account-title = Enlace para otra cuenta
link-sign-in-first-title = Inicia sesión primero
invite-address-taken = Ya existe una cuenta con esta dirección de correo, así que no se creó ninguna. Inicia sesión o pulsa «¿Perdiste tu llave de acceso?» en la página de inicio de sesión.

## Account page (account.html)

account-title = Tu cuenta
nav-main = Principal
nav-administration = Administración
nav-account = Cuenta
account-signed-in-as = Sesión iniciada como <strong>{ $username }</strong>.
account-recovery-heading = Recuperación de cuenta solicitada
account-recovery-asked = El { $requested } alguien pidió en la página de inicio de sesión un enlace para recuperar esta cuenta, y se envió a tu dirección de correo.
account-recovery-from = Empieza a funcionar el { $start } y caduca el { $expires }. Usarlo cierra la sesión de esta cuenta en todas partes.
account-recovery-now = Funciona ya y caduca el { $expires }. Usarlo cierra la sesión de esta cuenta en todas partes.
account-recovery-not-you = Si no fuiste tú, cancélala y plantéate cambiar la contraseña de tu cuenta de correo.
account-recovery-cancel = Cancelar recuperación
account-passkeys = Llaves de acceso
account-col-name = Nombre
account-col-created = Creada
account-col-last-used = Último uso
account-col-actions = Acciones
account-never = nunca
account-rename-label = Nuevo nombre para { $name }
account-rename-aria = Renombrar { $name }
account-rename = Renombrar
account-remove = Quitar
account-no-passkeys = Aún no tienes llaves de acceso.
account-add-passkey = Añadir una llave de acceso
account-password = Contraseña
account-current-password = Contraseña actual
account-new-password = Nueva contraseña
account-confirm-password = Confirmar contraseña
account-change-password = Cambiar contraseña
account-set-password = Establecer contraseña
account-remove-password = Quitar contraseña
account-totp = Aplicación de autenticación
account-totp-on = Hay una aplicación de autenticación configurada. Códigos de respaldo restantes: <strong>{ $left }</strong>.
account-totp-off = No hay ninguna aplicación de autenticación configurada. Con una, iniciar sesión con tu contraseña también pide un código de tu teléfono.
account-totp-set-up = Configurar una aplicación de autenticación
account-totp-replace = Configurar otra aplicación sustituye a esta en cuanto verifiques un código de ella.
account-regenerate-codes = Regenerar códigos de respaldo
account-remove-totp = Quitar la aplicación de autenticación
account-sessions = Sesiones activas
account-unknown-browser = Navegador desconocido
account-session-from = desde { $ip }
account-session-times = sesión iniciada { $created }, visto por última vez { $seen }
account-this-browser = (este navegador)
account-sign-out = Cerrar sesión
account-apps = Aplicaciones conectadas
account-col-application = Aplicación
account-col-access = Acceso
account-sign-in-only = solo inicio de sesión
account-revoke = Revocar
account-no-apps = Ninguna aplicación tiene acceso a tu cuenta.
account-everywhere-text = Termina todas las sesiones de tu cuenta, incluida esta, y hace que cada aplicación te pida volver a iniciar sesión.
account-sign-out-everywhere = Cerrar sesión en todas partes
account-profile = Perfil
account-full-name = Nombre completo
account-given-name = Nombre de pila
account-family-name = Apellidos
account-nickname = Apodo
account-email = Correo electrónico
account-verified = verificado
account-not-verified = sin verificar
account-verify-email = Verificar dirección de correo
account-phone = Teléfono
account-picture = URL de la foto
account-locale = Idioma
account-save-profile = Guardar perfil

## Administration navigation (admin_layout.html); the admin pages themselves are English

admin-nav = Administración
admin-nav-users = Usuarios
admin-nav-groups = Grupos
admin-nav-clients = Clientes
admin-nav-invites = Invitaciones
admin-nav-signups = Solicitudes de registro
admin-nav-registration-tokens = Tokens de registro
admin-nav-keys = Claves
admin-nav-audit = Registro de auditoría
admin-nav-api-keys = Claves de API
admin-nav-account = Cuenta

## Passkey messages of webauthn.js (data-msg-* on the passkey buttons)

passkey-js-cancelled = La solicitud de llave de acceso se canceló o agotó el tiempo.
passkey-js-failed = No se pudo usar la llave de acceso.
passkey-js-unsupported = Este navegador no puede usar llaves de acceso.

## Password rules (auth::password::PolicyError, shown on the account and invite pages)

password-common = Esta contraseña es demasiado común: aparece en listas de contraseñas filtradas. Elige otra, por ejemplo unas cuantas palabras sin relación.
password-too-short = La contraseña debe tener al menos 8 caracteres.
password-too-long = La contraseña debe tener como máximo 128 caracteres.
password-is-username = La contraseña no puede ser tu nombre de usuario.
## Branding: the header and footer of every page, client logos
header-sign-out = Cerrar sesión
footer-help = Ayuda: { $contact }
client-logo-alt = Logotipo de { $client }

# Recovery codes (/account, /recover)
recover-code-heading = ¿Tienes un código de recuperación?
recover-code-intro = Si creaste códigos de recuperación en la página de tu cuenta, uno de ellos con tu nombre de usuario te permite añadir una nueva llave de acceso o establecer una nueva contraseña al instante.
recover-code-label = Código de recuperación
recover-code-use = Usar código de recuperación
recover-code-no-match = Ese nombre de usuario y ese código de recuperación no coinciden. Cada código funciona una vez; revisa lo que escribiste o usa otro código.
account-recovery-codes-heading = Códigos de recuperación
account-recovery-codes-left = Códigos de recuperación restantes: <strong>{ $left }</strong>. Cada uno, con tu nombre de usuario, te permite volver a entrar desde la página <a href="/recover">¿Perdiste tu llave de acceso?</a> si pierdes todas tus llaves de acceso y tu contraseña.
account-recovery-codes-none = No hay códigos de recuperación. Los códigos de recuperación te permiten volver a entrar desde la página <a href="/recover">¿Perdiste tu llave de acceso?</a> si pierdes todas tus llaves de acceso y tu contraseña, sin esperar un enlace por correo ni a un administrador.
account-recovery-codes-create = Crear códigos de recuperación
account-recovery-codes-remove = Quitar códigos de recuperación
notice-recovery-codes = Tus nuevos códigos de recuperación están listos; los anteriores ya no funcionan.
notice-recovery-codes-removed = Se quitaron tus códigos de recuperación.
error-no-recovery-codes = No hay códigos de recuperación que quitar.
recovery-codes-title = Tus códigos de recuperación
recovery-codes-keep = Guarda estos códigos en un lugar seguro y lejos de tus dispositivos, como un gestor de contraseñas o en papel. Si pierdes todas tus llaves de acceso y tu contraseña, uno de ellos con tu nombre de usuario te devuelve a tu cuenta desde la página «¿Perdiste tu llave de acceso?». Cada uno funciona una vez. Los códigos de recuperación anteriores ya no funcionan. Solo se muestran ahora.
recovery-codes-heading = Códigos de recuperación
mail-change-recovery-codes-created = Se crearon nuevos códigos de recuperación para tu cuenta { $username } en { $site }{ $detail }.
mail-change-recovery-code-used = Se usó un código de recuperación para empezar a recuperar tu cuenta { $username } en { $site }{ $detail }.
