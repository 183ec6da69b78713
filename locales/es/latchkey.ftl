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

## Administration navigation (admin_layout.html); the management pages follow at the end

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

## Management pages (admin_*.html): shared words

admin-pages = Páginas
admin-previous-page = Página anterior
admin-next-page = Página siguiente
admin-col-status = Estado
admin-col-state = Estado
admin-col-actions = Acciones
admin-col-created = Creación
admin-col-expires = Caducidad
admin-col-last-used = Último uso
admin-never = nunca
admin-revoke = Revocar
admin-remove = Quitar
admin-field-username = Nombre de usuario
admin-field-name = Nombre
admin-field-full-name = Nombre completo
admin-field-email = Correo electrónico
admin-field-groups = Grupos
admin-field-groups-list = Grupos (separados por comas)
admin-field-role = Rol
admin-field-administrator = Administrador
admin-field-description = Descripción
admin-field-attributes = Atributos
admin-field-require-mfa = Exigir un segundo factor
admin-save-attributes = Guardar atributos
admin-role-none = Ninguno
admin-role-owner = Propietario
admin-role-admin = Administrador
admin-role-user-manager = Gestor de usuarios
admin-role-client-manager = Gestor de clientes
admin-role-auditor = Auditor

## Users (admin_users.html)

admin-users-title = Usuarios
admin-users-search-label = Buscar usuarios
admin-users-search = Buscar
admin-users-total = { $count ->
    [one] { $count } usuario.
   *[other] { $count } usuarios.
}
admin-users-total-matching = { $count ->
    [one] { $count } usuario coincide con «{ $query }».
   *[other] { $count } usuarios coinciden con «{ $query }».
}
admin-user-active = activo
admin-user-disabled = desactivado
admin-users-create-heading = Crear un usuario
admin-users-create-hint = Normalmente es mejor <a href="/admin/invites">enviar una invitación</a>, para que cada persona elija su propia llave de acceso o contraseña.
admin-users-initial-password = Contraseña inicial (opcional)
admin-users-create = Crear usuario

## A user (admin_user.html)

admin-user-id = Id. de usuario <code>{ $id }</code>
admin-user-created = creado el { $date }
admin-user-passkey-count = { $count ->
    [one] { $count } llave de acceso
   *[other] { $count } llaves de acceso
}
admin-user-has-password = tiene contraseña
admin-user-no-password = sin contraseña
admin-user-recovery-link = Enlace de recuperación
admin-user-recovery-emailed = El enlace se ha enviado por correo a { $email }. Funciona una vez, hasta { $expires }; también se muestra aquí solo ahora.
admin-user-recovery-send = Envía este enlace a { $username }; solo se muestra ahora y funciona una vez, hasta { $expires }.
admin-user-profile = Perfil
admin-user-given-name = Nombre de pila
admin-user-family-name = Apellidos
admin-user-nickname = Apodo
admin-user-email-verified = Correo verificado
admin-user-phone = Teléfono
admin-user-phone-verified = Teléfono verificado
admin-user-picture = URL de la foto
admin-user-locale = Idioma
admin-user-save-profile = Guardar perfil
admin-user-groups-label = Grupos (separados por comas; los grupos no otorgan derechos de administración: eso lo hacen los roles)
admin-user-save-groups = Guardar grupos
admin-user-save-role = Guardar rol
admin-user-attributes-label = Atributos (un objeto JSON; prevalecen sobre los atributos de los grupos del usuario y llegan a los clientes cuyo mapeo de claims los publica)
admin-user-sessions = Sesiones
admin-user-col-signed-in = Inicio de sesión
admin-user-col-last-seen = Última actividad
admin-user-col-address = Dirección
admin-user-col-browser = Navegador
admin-user-col-methods = Métodos
admin-user-end-session-aria = Cerrar la sesión iniciada el { $created } desde { $ip }
admin-user-end-session-aria-unknown = Cerrar la sesión iniciada el { $created } desde una dirección desconocida
admin-user-end-session = Cerrar sesión
admin-user-end-all-sessions = Cerrar todas las sesiones
admin-user-end-all-hint = Cierra todas las sesiones y revoca también los tokens que tienen las aplicaciones del usuario. <strong>Cerrar sesión</strong> cierra solo un navegador.
admin-user-no-sessions = No hay sesiones activas.
admin-user-passkeys = Llaves de acceso
admin-user-remove-passkey-aria = Quitar la llave de acceso { $name }
admin-user-last-method = <strong>Atención:</strong> es la única forma que tiene este usuario de iniciar sesión. Si la quitas, no podrá iniciar sesión hasta que use un enlace de recuperación.
admin-user-no-passkeys = No hay llaves de acceso.
admin-user-second-factor = Segundo factor
admin-user-totp-on = { $count ->
    [one] Aplicación de autenticación configurada; queda { $count } código de respaldo.
   *[other] Aplicación de autenticación configurada; quedan { $count } códigos de respaldo.
}
admin-user-totp-off = { $count ->
    [one] Sin aplicación de autenticación; queda { $count } código de respaldo.
   *[other] Sin aplicación de autenticación; quedan { $count } códigos de respaldo.
}
admin-user-second-factor-none = Nada configurado.
admin-user-reset-confirm = Sí, quitar la aplicación de autenticación, los códigos de respaldo y los códigos de recuperación de este usuario
admin-user-reset-second-factor = Restablecer el segundo factor
admin-user-access = Acceso
admin-user-email-link = Enviar el enlace por correo a { $email }
admin-user-send-recovery = Enviar enlace de recuperación
admin-user-disable = Desactivar
admin-user-enable = Activar
admin-user-delete = Eliminar usuario
admin-user-audit-events = Eventos de auditoría de este usuario

## Clients (admin_clients.html)

admin-clients-title = Clientes
admin-clients-col-type = Tipo
admin-clients-col-redirect-uris = URI de redirección
admin-clients-may-administer = puede administrar Latchkey
admin-clients-resource-server = servidor de recursos
admin-clients-registered-on = Registrado dinámicamente el { $date }
admin-clients-register-heading = Registrar un cliente
admin-clients-public-label = Cliente público (SPA o aplicación nativa: sin secreto, PKCE)
admin-clients-skip-consent-label = Omitir el consentimiento (aplicación propia)
admin-clients-register = Registrar cliente

## A client (admin_client.html)

admin-client-id-label = Id. de cliente
admin-client-id-code = Id. de cliente <code>{ $id }</code>
admin-client-public = público
admin-client-confidential = confidencial
admin-client-public-fixed = público (fijo: registra un cliente nuevo para cambiarlo)
admin-client-confidential-fixed = confidencial (fijo: registra un cliente nuevo para cambiarlo)
admin-client-grants = concesiones { $grants }
admin-client-registered = Registrado dinámicamente el { $date }: se registró a sí mismo en <code>/register</code> y gestiona su registro con su token de acceso de registro.
admin-client-admin-scope = <strong>Puede administrar Latchkey:</strong> este cliente tiene permitido el scope <code>latchkey:admin</code> (la API de administración). Siempre se pide el consentimiento de los usuarios antes de que lo reciba.
admin-client-resource-server-note = Servidor de recursos: puede inspeccionar tokens emitidos para otros clientes.
admin-client-secret = Secreto del cliente
admin-client-secret-once = Cópialo ahora: solo se muestra una vez.
admin-client-settings = Configuración
admin-client-redirect-uris-label = URI de redirección (una por línea)
admin-client-post-logout-uris-label = URI de redirección tras cerrar sesión (una por línea)
admin-client-skip-consent = Omitir el consentimiento
admin-client-resource-server-label = Servidor de recursos (puede inspeccionar tokens emitidos para otros clientes)
admin-client-client-credentials = Permitir la concesión client credentials
admin-client-device-grant = Permitir la concesión device authorization (dispositivos sin navegador, RFC 8628)
admin-client-refresh-tokens = Puede recibir tokens de actualización (offline_access; necesita una URI de redirección)
admin-client-require-par = Exigir solicitudes de autorización enviadas (PAR, RFC 9126)
admin-client-require-dpop = Exigir tokens vinculados con DPoP (RFC 9449)
admin-client-scopes-label = Scopes adicionales que puede solicitar (separados por espacios; latchkey:admin permite la API de administración)
admin-client-id-token-alg = Algoritmo de firma del token de ID
admin-client-origins-label = Orígenes de navegador permitidos (CORS; uno por línea, como https://app.example)
admin-client-origins-label-derived = Orígenes de navegador permitidos (CORS; uno por línea, como https://app.example; las URI de redirección ya permiten { $origins })
admin-client-backchannel-uri-label = URL de cierre de sesión back-channel (recibe un token de cierre de sesión cuando termina la sesión de un usuario; https, o http en localhost)
admin-client-backchannel-sid = Sus tokens de cierre de sesión deben llevar el id. de sesión (sid)
admin-client-branding-legend = Imagen de marca (URL https; las páginas de inicio de sesión y de consentimiento enlazan a la página de inicio, la política de privacidad y las condiciones)
admin-client-logo-uri-label = URL del logotipo (se guarda y se devuelve a las herramientas, nunca se carga: sube el logotipo más abajo)
admin-client-homepage-label = URL de la página de inicio
admin-client-policy-label = URL de la política de privacidad
admin-client-tos-label = URL de las condiciones del servicio
admin-client-save = Guardar cliente
admin-client-logo = Logotipo
admin-client-logo-shown = Se muestra en las páginas de inicio de sesión y de consentimiento.
admin-client-no-logo = Sin logotipo: las páginas de inicio de sesión y de consentimiento muestran solo el nombre.
admin-client-logo-file = Archivo del logotipo (PNG, JPEG, WebP o SVG sin scripts; como máximo { $kib } KiB)
admin-client-upload-logo = Subir logotipo
admin-client-remove-logo = Quitar logotipo
admin-client-claims = Claims
admin-client-claim-mapping-label = Mapeo de claims (JSON; <code>{"{}"}</code> da los claims predeterminados)
admin-client-save-claim-mapping = Guardar mapeo de claims
admin-client-who-may-sign-in = Quién puede iniciar sesión
admin-client-only-members = Solo los miembros de { $groups }.
admin-client-every-active-user = Todos los usuarios activos.
admin-client-allowed-groups-label = Grupos permitidos (separados por comas; vacío: todos)
admin-client-save-allowed-groups = Guardar grupos permitidos
admin-client-keys = Claves (private_key_jwt)
admin-client-authenticates-with = Se autentica con <code>{ $method }</code>.
admin-client-key-ids = Claves:
admin-client-jwks-label-replace = JWK Set (solo claves públicas; sustituye las claves actuales de inmediato)
admin-client-jwks-label-first = JWK Set (solo claves públicas; el cliente se autentica entonces con estas claves y su secreto deja de funcionar)
admin-client-replace-keys = Sustituir claves
admin-client-backchannel = Cierre de sesión back-channel
admin-client-no-backchannel = Sin URL de cierre de sesión back-channel: no se avisa al cliente cuando terminan las sesiones.
admin-client-col-session-ended = Sesión terminada
admin-client-col-attempts = Intentos
admin-client-col-last-error = Último error
admin-client-col-finished = Terminado o próximo intento
admin-client-next-attempt = próximo el { $date }
admin-delivery-pending = pendiente
admin-delivery-delivered = entregado
admin-delivery-failed = fallido
admin-client-no-deliveries = Aún no se ha enviado ningún token de cierre de sesión.
admin-client-credentials = Credenciales
admin-client-rotate-secret = Renovar secreto
admin-client-delete = Eliminar cliente

## Connect an application (admin_client_connect.html, http::admin::connect)

admin-connect-heading = Conectar una aplicación
admin-connect-intro = La mayoría de las aplicaciones solo necesitan la URL de descubrimiento, el id. de cliente y el secreto del cliente:
admin-connect-intro-public = La mayoría de las aplicaciones solo necesitan la URL de descubrimiento y el id. de cliente:
admin-connect-discovery = URL de descubrimiento
admin-connect-issuer = Emisor
admin-connect-secret-none = ninguno (cliente público: PKCE con S256)
admin-connect-secret-above = se muestra arriba
admin-connect-secret-placeholder = se muestra una vez, al crear el cliente o renovar su secreto; <code>&lt;client_secret&gt;</code> lo representa más abajo
admin-connect-auth = Autenticación del cliente
admin-connect-authorization = Endpoint de autorización
admin-connect-token = Endpoint de token
admin-connect-userinfo = Endpoint de UserInfo
admin-connect-end-session = Fin de sesión (cierre de sesión)
admin-connect-none-registered = ninguna registrada
admin-connect-scopes = Scopes
admin-connect-and = y
admin-connect-more = Más información en la guía de integración (docs/integration.md en el repositorio de Latchkey).
admin-connect-app-spa = Aplicación de una sola página (oidc-client-ts)
admin-connect-place-shell = shell
admin-connect-place-nextcloud = shell, en la carpeta de Nextcloud

## Groups (admin_groups.html, admin_group.html)

admin-groups-title = Grupos
admin-groups-total = { $count ->
    [one] { $count } grupo. Los miembros se unen a un grupo desde su página de usuario; un cliente puede limitarse a ciertos grupos.
   *[other] { $count } grupos. Los miembros se unen a un grupo desde su página de usuario; un cliente puede limitarse a ciertos grupos.
}
admin-groups-col-members = Miembros
admin-groups-create-heading = Crear un grupo
admin-groups-create = Crear grupo
admin-group-member-count = { $count ->
    [one] { $count } miembro
   *[other] { $count } miembros
}
admin-group-no-members = No hay miembros. Añade personas desde su página de usuario.
admin-group-save-description = Guardar descripción
admin-group-policy = Política de inicio de sesión
admin-group-policy-hint = Los miembros confirman entonces cada inicio de sesión con una aplicación de autenticación o un código de respaldo, o inician sesión con una llave de acceso; los miembros sin segundo factor configuran uno justo después de su contraseña.
admin-group-save-policy = Guardar política
admin-group-attributes-label = Atributos (un objeto JSON; los miembros los reciben salvo que definan los mismos nombres, y entre varios grupos gana aquel cuyo nombre va primero en orden alfabético)
admin-group-rename = Cambiar nombre
admin-group-new-name = Nombre nuevo
admin-group-rename-submit = Cambiar el nombre del grupo
admin-group-delete-heading = Eliminar
admin-group-delete-confirm = { $count ->
    [one] Sí, eliminar este grupo y su { $count } membresía
   *[other] Sí, eliminar este grupo y sus { $count } membresías
}
admin-group-delete = Eliminar grupo

## Invites (admin_invites.html)

admin-invites-title = Invitaciones
admin-invites-link = Enlace de invitación
admin-invites-emailed = La invitación se ha enviado por correo a { $email }. Funciona una vez, hasta { $expires }; el enlace también se muestra aquí solo ahora.
admin-invites-send = Envía este enlace a { $username }; solo se muestra ahora y funciona una vez, hasta { $expires }.
admin-invites-col-kind = Tipo
admin-invites-kind-recovery = recuperación
admin-invites-kind-administrator = administrador
admin-invites-kind-new-account = cuenta nueva
admin-invite-status-pending = pendiente
admin-invite-status-used = usada
admin-invite-status-revoked = revocada
admin-invite-status-expired = caducada
admin-invites-revoke-aria = Revocar la invitación de { $username }
admin-invites-create-heading = Invitar a alguien
admin-invites-valid-hours = Válida durante (horas)
admin-invites-send-email = Enviar por correo (a la dirección de arriba)
admin-invites-create = Crear invitación

## Signing keys (admin_keys.html)

admin-keys-title = Claves de firma
admin-keys-intro = Los tokens se firman con la clave más reciente de su algoritmo. Una clave renovada sigue publicada en <code>/jwks</code> hasta que caducan todos los tokens que firmó; después se elimina.
admin-keys-col-kid = Id. de clave
admin-keys-col-alg = Algoritmo
admin-keys-col-retired = Retirada
admin-keys-signing = firma ahora
admin-keys-published = publicada (verifica tokens anteriores)
admin-keys-unpublished = ya no publicada
admin-keys-rotate-heading = Renovar
admin-keys-rotate-intro = Una clave nueva pasa a firmar de inmediato; las partes de confianza que guardan <code>/jwks</code> en caché la obtienen cuando encuentran su id. de clave.
admin-keys-rotate = Renovar la clave { $alg }

## Audit log (admin_audit.html)

admin-audit-title = Registro de auditoría
admin-audit-user-id = Id. de usuario
admin-audit-event = Evento
admin-audit-from = Desde
admin-audit-to = Hasta
admin-audit-filter = Filtrar
admin-audit-total = { $count ->
    [one] { $count } evento. Las fechas están en UTC; «Hasta» incluye ese día completo.
   *[other] { $count } eventos. Las fechas están en UTC; «Hasta» incluye ese día completo.
}
admin-audit-col-when = Cuándo
admin-audit-col-actor = Actor
admin-audit-col-subject = Afectado
admin-audit-col-client = Cliente
admin-audit-col-ip = Desde
admin-audit-col-details = Detalles

## API keys (admin_api_keys.html)

admin-api-keys-title = Claves de API
admin-api-keys-intro = Una clave de API permite que un script llame a la API de administración (<code>/api/admin/v1</code>) como <code>Authorization: Bearer lk_…</code>, con el rol de la clave. Una clave nunca tiene más poder que quien la creó.
admin-api-keys-new = Nueva clave de API
admin-api-keys-created = La clave de API «{ $name }» ({ $role }) funciona hasta { $expires }. Cópiala ahora: no se volverá a mostrar.
admin-api-keys-key = Clave de API
admin-api-keys-col-created-by = Creada por
admin-api-key-state-active = activa
admin-api-key-state-expired = caducada
admin-api-key-state-revoked = revocada
admin-api-keys-revoke-aria = Revocar la clave de API { $name }
admin-api-keys-create-heading = Crear una clave de API
admin-api-keys-lifetime = Vigencia (días)
admin-api-keys-create = Crear clave de API

## Registration tokens (admin_registration_tokens.html)

admin-tokens-title = Tokens de registro
admin-tokens-intro = Los tokens de acceso inicial permiten a las partes de confianza registrarse por sí mismas en <code>{ $endpoint }</code> (registro dinámico de clientes).
admin-tokens-mode-token = El registro necesita uno de estos tokens.
admin-tokens-mode-open = El registro está abierto a cualquiera: estos tokens no son necesarios.
admin-tokens-mode-off = El registro está desactivado (<code>LATCHKEY_REGISTRATION=off</code>): estos tokens no sirven de nada hasta que se configure como <code>token</code>.
admin-tokens-new = Nuevo token
admin-tokens-created = { $uses ->
    [one] Da este token a quien registre el cliente de «{ $name }»; solo se muestra ahora. Registra hasta { $uses } cliente, hasta { $expires }.
   *[other] Da este token a quien registre los clientes de «{ $name }»; solo se muestra ahora. Registra hasta { $uses } clientes, hasta { $expires }.
}
admin-tokens-col-uses-left = Usos restantes
admin-tokens-col-issued-by = Emitido por
admin-token-status-active = activo
admin-token-status-expired = caducado
admin-token-status-used_up = agotado
admin-token-status-revoked = revocado
admin-tokens-revoke-aria = Revocar el token { $name }
admin-tokens-issue-heading = Emitir un token
admin-tokens-valid-days = Válido durante (días)
admin-tokens-uses = Usos
admin-tokens-issue = Emitir token

## Sign-up requests (admin_signups.html)

admin-signups-title = Solicitudes de registro
admin-signups-intro = Personas que pidieron una cuenta en <code>/signup</code> y confirmaron su dirección de correo.
admin-signups-mode-approval = <strong>Aprobar</strong> les envía un enlace que crea la cuenta con una llave de acceso o una contraseña (funciona una vez, durante 24 horas); <strong>Rechazar</strong> elimina la solicitud y no envía nada. Las solicitudes sin decidir en los 30 días siguientes a su confirmación se descartan.
admin-signups-mode-domain = El registro propio está abierto a los dominios de correo configurados (<code>LATCHKEY_SIGNUP=email-domain</code>): nadie espera aprobación.
admin-signups-mode-off = El registro propio está desactivado (<code>LATCHKEY_SIGNUP=off</code>).
admin-signups-col-asked = Solicitado
admin-signups-col-ip = Desde
admin-signups-approve = Aprobar
admin-signups-approve-aria = Aprobar a { $username }
admin-signups-reject = Rechazar
admin-signups-reject-aria = Rechazar a { $username }
admin-signups-none = No hay ninguna solicitud de registro pendiente.

## Notices and refusals of the management pages (http::admin)

admin-notice-created = Creado.
admin-notice-saved = Guardado.
admin-notice-logo-saved = El logotipo está guardado; las páginas de inicio de sesión y de consentimiento lo muestran.
admin-notice-logo-removed = El logotipo se ha quitado.
admin-notice-keys-replaced = Las claves se han sustituido; se rechazan las aserciones firmadas con las anteriores.
admin-notice-disabled = El usuario está desactivado y se ha cerrado su sesión en todas partes.
admin-notice-enabled = El usuario está activado.
admin-notice-deleted = Eliminado.
admin-notice-revoked = La invitación se ha revocado.
admin-notice-session-ended = La sesión ha terminado; ese navegador ha cerrado sesión.
admin-notice-sessions-ended = Todas las sesiones han terminado y los tokens del usuario están revocados.
admin-notice-passkey-removed = Se ha quitado la llave de acceso.
admin-notice-second-factor-reset = Se ha restablecido el segundo factor: la aplicación de autenticación, los códigos de respaldo y los códigos de recuperación del usuario se han quitado.
admin-notice-passkey-removed-last = Se ha quitado la llave de acceso. Era la última forma del usuario de iniciar sesión: envíale un enlace de recuperación.
admin-notice-client-registered = El cliente está registrado.
admin-notice-secret-rotated = Hay un secreto nuevo en vigor; el anterior ya no funciona.
admin-notice-key-rotated = A partir de ahora firma una clave nueva; la anterior sigue publicada hasta que caduquen sus tokens.
admin-notice-token-revoked = El token se ha revocado; los clientes que registró se mantienen.
admin-notice-api-key-revoked = La clave de API se ha revocado; a partir de ahora se rechaza.
admin-notice-signup-approved = Aprobada: se ha enviado el enlace para crear la cuenta; funciona durante 24 horas.
admin-notice-signup-rejected = Rechazada: la solicitud se ha eliminado y no se ha enviado nada.
admin-error-not-administrator = Solo los administradores pueden abrir las páginas de gestión.
admin-error-role-forbids = Tu rol ({ $role }) no lo permite.
admin-error-confirm-reset = Marca la confirmación para restablecer el segundo factor.
admin-error-confirm-delete-group = Marca la confirmación para eliminar el grupo y sus membresías.
admin-error-link-withdrawn = { $reason }. El enlace se ha retirado; inténtalo de nuevo.
admin-error-invite-withdrawn = { $reason }. La invitación se ha retirado; inténtalo de nuevo.
admin-error-hours = La validez debe ser un número entero de horas.
admin-error-token-numbers = Indica el número de días (de 1 a 365) y de usos como números enteros.
admin-error-lifetime = Indica la vigencia como un número entero de días (de 1 a 730).
admin-error-refused = Rechazado: { $reason }.
admin-error-attributes-too-large = Los atributos son demasiado grandes.
admin-error-attributes-not-json = Los atributos no son JSON válido: { $error }
admin-error-claim-mapping-too-large = El mapeo de claims es demasiado grande.
admin-error-claim-mapping-not-json = El mapeo de claims no es JSON válido: { $error }
admin-user-recovery-codes = Códigos de recuperación
admin-user-recovery-codes-left = { $count ->
    [one] Queda { $count } código de recuperación.
   *[other] Quedan { $count } códigos de recuperación.
}
admin-user-remove-recovery-codes = Quitar códigos de recuperación
admin-user-no-recovery-codes = No hay códigos de recuperación.
admin-notice-recovery-codes-removed = Se han quitado los códigos de recuperación del usuario; los enlaces que dieron ya no funcionan.
