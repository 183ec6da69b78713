# Latchkey: English (the reference: every other catalogue has exactly these messages).
# Message ids are shared by every language; see docs/languages.md.

## Sign-in page (login.html)

login-title = Sign in
login-continue-to = to continue to <strong>{ $client }</strong>
login-reauth = Please confirm it is you: sign in again to make this change.
login-username = Username
login-password = Password
login-sign-in = Sign in
login-or = or
login-passkey = Sign in with a passkey
login-passkey-needs-js = Signing in with a passkey needs JavaScript.
login-lost-passkey = Lost your passkey?
login-create-account = Create an account
login-missing-fields = Enter your username and password.
login-failed = Incorrect username or password. After several failed attempts an account is locked for a while.
login-form-unreadable = The sign-in form could not be read.

## Error pages (error.html and the errors of every page)

error-bad-request = Bad request
error-forbidden = Forbidden
error-not-found = Not found
error-not-found-message = There is nothing here.
error-page-not-found = Page not found
error-page-not-found-message = There is no page at this address. The link may be mistyped or out of date.
error-link-account = Go to your account
error-link-sign-in = Sign in
error-conflict = Conflict
error-conflict-taken = That { $what } is already taken.
error-too-many-requests = Too many requests
error-too-many-requests-message = Too many attempts. Please wait a moment and try again.
error-busy = Busy
error-busy-message = The server is busy checking passwords. Please try again in a few seconds.
error-internal = Something went wrong
error-internal-message = The server could not complete the request. Please try again.

## Second step at sign-in (second_factor.html)

step-title = Second step
step-up-title = Confirm with a second factor
step-sign-in-again = Sign in again
step-up-intro = { $client } asks for a second factor. Type the code your authenticator app shows, or one of your backup codes.
step-intro = Type the code your authenticator app shows, or one of your backup codes.
step-code = Code
step-verify = Verify
step-passkey-instead = Sign in with a passkey instead

## Consent (consent.html)

consent-title = Allow { $client }?
consent-heading = <strong>{ $client }</strong> wants to access your account
consent-signed-in-as = Signed in as { $username }.
consent-registered = This application registered itself: its name has not been checked by your administrator. Only continue if you trust it.
consent-returns-to = It will send you back to <strong>{ $host }</strong>.
consent-about = About { $client }
consent-device = A device is asking to sign in as you. Only allow it if it shows the code <strong class="user-code">{ $code }</strong> and you started this sign-in yourself.
consent-asking = { $client } is asking to:
consent-allow = Allow
consent-deny = Deny
consent-link-homepage = Homepage
consent-link-policy = Privacy policy
consent-link-tos = Terms of service

## Sign-out (logout.html, signed_out.html)

logout-title = Sign out
logout-heading = Sign out?
logout-signed-in-as = You are signed in as <strong>{ $username }</strong>.
logout-signed-in-as-client = You are signed in as <strong>{ $username }</strong>; <strong>{ $client }</strong> asked to sign you out.
logout-sign-out = Sign out
signed-out-title = Signed out
signed-out-heading = You are signed out
signed-out-everywhere = Every session of your account has ended, and the applications you used must ask you to sign in again.
signed-out-close = You can close this window, or <a href="/login">sign in again</a>.

## No access to an application (no_access.html)

no-access-title = No access to { $client }
no-access-heading = You don't have access to { $client }
no-access-message = You are signed in as { $username }, and this account is not allowed to use { $client }. If it should be, ask an administrator to add you to one of its groups.
no-access-back = Back to { $client }

## Device sign-in (device.html, device_done.html)

device-title = Sign in a device
device-intro = Enter the code your device (TV, console, command line…) shows.
device-prefilled = The code below came with the link you followed. Only continue if your own device shows it and you started this sign-in yourself.
device-code = Code
device-continue = Continue
device-another = Sign in another device

## Returning to the application (form_post.html)

form-post-title = Continue
form-post-heading = Returning you to the application…
form-post-no-js = JavaScript is off: press the button to continue.
form-post-continue = Continue

## Scopes on the consent page (oidc::claims::describe)

scope-openid = Sign you in and know your user id
scope-profile = Your name, username, picture and locale
scope-email = Your email address
scope-phone = Your phone number
scope-groups = The groups you belong to
scope-offline-access = Stay signed in when you are not using it
scope-admin = Administer Latchkey on your behalf
scope-unknown = Unknown permission
scope-claims = Your { $claims }

## Messages of the sign-in flow (http::oidc, http::second_step)

flow-request-expired = This sign-in request has expired or was already completed. Go back to the application and start again.
flow-redirect-uri-invalid = The redirect URI is not valid.
flow-request-malformed = The authorization request is malformed.
flow-client-unknown = The application that sent you here is not registered.
step-wrong-code = Incorrect code. After several failed attempts an account is locked for a while.
step-expired = This sign-in has expired or was already completed. Sign in again.
step-locked = Too many failed attempts: the account is locked for a while. Sign in again later.
step-wrong-enrol-code = That code is not right. Type the code your authenticator app shows now.
step-enrol-heading = Set up a second factor
step-enrol-intro = This sign-in needs a second factor. Set up an authenticator app now; from then on you confirm each sign-in with a code from it.
logout-malformed = The logout request is malformed.
logout-redirect-invalid = The post-logout redirect URI is not valid.
logout-needs-client = A post-logout redirect needs a known client (client_id or id_token_hint).
logout-redirect-unregistered = The post-logout redirect URI is not registered for this application.
logout-bad-hint = The id_token_hint is not a valid ID token from this provider.

## Device sign-in results (http::oidc::device)

device-wrong-code = That code is not valid. Check the code your device shows (it expires after a few minutes) and try again.
device-approved-title = Device signed in
device-approved = { $client } is signed in on your device. You can close this page and return to it.
device-denied-title = Device not signed in
device-denied = You denied { $client } access. The device will not be signed in.
device-refused-title = { $client } was not signed in
device-refused = The device was not signed in: { $reason }.
device-gone-title = Code expired
device-gone = This code has expired or was already used. Start again on your device.

## Refused authorization requests (oidc::authorize, oidc::par; shown on the error page)

authorize-param-too-long = A parameter of the request is too long.
authorize-no-client = The request names no client (client_id is missing).
authorize-no-redirect-uri = The request has no redirect_uri.
authorize-redirect-unregistered = The redirect URI of the request is not registered for this application.
authorize-pushed-unusable = This sign-in request has expired or was already used (invalid_request_uri). Go back to the application and start again.

## E-mails (mail.rs): subjects and bodies, plain text; lines are kept as written

mail-invite-subject = Your invitation to { $site }
mail-invite-body =
    You have been invited to sign in at { $site }.

    Open this link to create a passkey or set a password:

    { $url }

    The link works once and expires at { $expires }.
    If you did not expect this invitation, ignore this message.
mail-recovery-subject = Recover your account at { $site }
mail-recovery-body =
    An administrator created a link to recover your account at { $site }.

    Open this link to create a new passkey or set a new password:

    { $url }

    The link works once and expires at { $expires }.
    If you did not ask for this, tell your administrator.
mail-self-recovery-when-delayed =
    For your safety the link starts to work only at { $from }
    and then works once, until { $expires }.
mail-self-recovery-when = The link works once and expires at { $expires }.
mail-self-recovery-cancel-delayed =
    If you did not ask for this, someone may be trying to take over your
    account: sign in as usual before { $from }, open your account page
    ({ $issuer }/account) and press Cancel recovery.
mail-self-recovery-cancel = If you did not ask for this, tell your administrator at once.
mail-self-recovery-body =
    Someone, probably you, asked on the sign-in page of { $site } for a link
    to recover the account { $username }, whose passkey or password was lost.

    Open this link to create a new passkey or set a new password:

    { $url }

    { $when }
    Using it signs the account out everywhere.

    { $cancel }
mail-verify-subject = Verify your e-mail address at { $site }
mail-verify-body =
    Someone, probably you, asked to verify this e-mail address for an
    account at { $site }.

    Open this link and confirm:

    { $url }

    The link works once and expires at { $expires }.
    If you did not ask for this, ignore this message.
mail-signup-subject = Create your account at { $site }
mail-signup-approved = Your request for the account { $username } at { $site } has been approved.
mail-signup-asked =
    Someone, probably you, asked to create the account { $username } at { $site }
    with this e-mail address.
mail-signup-body =
    { $opening }

    Open this link to finish: create a passkey or set a password.

    { $url }

    The link works once and expires at { $expires }.
    No account exists until it is used. If you did not ask for this,
    ignore this message.
mail-signup-verify-subject = Confirm your sign-up at { $site }
mail-signup-verify-body =
    Someone, probably you, asked to create the account { $username } at { $site }
    with this e-mail address.

    Open this link and confirm the request:

    { $url }

    The link works once and expires at { $expires }. An administrator
    then reviews the request; if it is approved you get another e-mail
    with a link to create your passkey or password.
    If you did not ask for this, ignore this message.
mail-signup-existing-subject = Your account at { $site }
mail-signup-existing-body =
    Someone, probably you, asked to create an account at { $site } with this
    e-mail address. You already have an account with this address, so no
    new account was created.

    Sign in as usual at { $issuer }/login . If you lost your passkey or
    forgot your password, press "Lost your passkey?" on the sign-in page
    ({ $issuer }/recover) to get a recovery link; if none arrives, ask your
    administrator.

    If you did not ask for this, ignore this message.
mail-change-subject = Your sign-in methods at { $site } changed
mail-change-passkey-added = A passkey was added to your account { $username } at { $site }{ $detail }.
mail-change-passkey-removed = A passkey was removed from your account { $username } at { $site }{ $detail }.
mail-change-password-set = A password was set for your account { $username } at { $site }{ $detail }.
mail-change-password-changed = The password of your account was changed { $username } at { $site }{ $detail }.
mail-change-password-removed = The password of your account was removed { $username } at { $site }{ $detail }.
mail-change-authenticator-added = An authenticator app was set up for your account { $username } at { $site }{ $detail }.
mail-change-authenticator-removed = The authenticator app and backup codes of your account were removed { $username } at { $site }{ $detail }.
mail-change-second-factor-reset = An administrator removed the authenticator app and backup codes of your account { $username } at { $site }{ $detail }.
mail-change-body =
    { $what }

    If this was you, there is nothing to do.
    If it was not, someone else may be using your account: tell your
    administrator at once.

## Account recovery (recover.html)

recover-title = Recover your account
recover-sent = If this address belongs to an account and has been verified, a recovery link is on its way to it.
recover-sent-delay = For your safety the link starts to work only { $delay } after it was sent. Meanwhile the account's owner can cancel it by signing in.
recover-no-mail = No e-mail within a few minutes? Then no link can be mailed to that address: ask your administrator to help you recover your account.
recover-back = Back to sign-in
recover-intro = Lost your passkey or forgotten your password? Type the e-mail address of your account and we will mail you a link to add a new passkey or set a new password.
recover-delay = For your safety the link starts to work only { $delay } after it was sent.
recover-email = Email
recover-send = Send recovery link
recover-verified-only = Only verified addresses receive a link. If yours is not, ask your administrator for help.

## Sign-up (signup.html, signup_verify.html)

signup-title = Create an account
signup-check-mail = Check your mail.
signup-sent-approval = If the address can receive mail, a message with a link to confirm your request is on its way to it. Once you confirm, an administrator reviews the request; if it is approved you get a second e-mail with a link to create your passkey or password.
signup-sent-link = If the address can receive mail, a message with a link to finish creating your account is on its way to it. The link works once, for 24 hours.
signup-sent-existing = If the address already belongs to an account, the message says so instead, and how to get back in.
signup-intro-approval = Ask for an account: we mail you a link to confirm your address, then an administrator reviews your request.
signup-intro-domains = Addresses at { $domains } can create an account: we mail you a link to finish it with a passkey or a password.
signup-username = Username
signup-username-hint = Lowercase letters, digits, '.', '_', '-' and '@'; you sign in with it.
signup-email = Email
signup-name = Name
signup-name-hint = Optional: how applications greet you.
signup-submit = Sign up
signup-verify-title = Confirm your sign-up
signup-verify-done-heading = Sign-up confirmed
signup-verify-done = Thank you: your request for the account <strong>{ $username }</strong> is confirmed.
signup-verify-review = An administrator reviews it now. If it is approved, you get an e-mail with a link to create your passkey or password.
signup-verify-confirm-text = Confirm that you asked for the account <strong>{ $username }</strong> with the e-mail address <strong>{ $email }</strong>. An administrator then reviews the request.
signup-verify-confirm = Confirm
signup-verify-ignore = If you did not ask for this, close this page: nothing happens.

## E-mail address verification (verify_email.html)

verify-email-title = Verify your e-mail address
verify-email-done-heading = E-mail address verified
verify-email-done = Your e-mail address <strong>{ $email }</strong> is verified.
verify-email-go-account = Go to your account
verify-email-sign-in-text = This link verifies <strong>{ $email }</strong> for an account. Sign in to that account to confirm it; if you did not ask for it, ignore it.
verify-email-sign-in = Sign in to confirm
verify-email-confirm-text = Confirm that <strong>{ $email }</strong> is the e-mail address of your account <strong>{ $username }</strong>.
verify-email-submit = Verify e-mail address

## Authenticator app and backup codes (totp_enrol.html, backup_codes.html)

totp-title = Set up an authenticator app
totp-scan-heading = 1. Add this account to your app
totp-scan = Scan the QR code with an authenticator app (for example Aegis, Google Authenticator, Microsoft Authenticator or 1Password).
totp-type-key = Or type this key into the app (time-based, 6 digits, every 30 seconds):
totp-verify-heading = 2. Enter the code the app shows
totp-code = Code
totp-verify = Verify
totp-cancel = Cancel
backup-title = Your backup codes
backup-keep = Keep these codes somewhere safe, such as a password manager or on paper. Each works once, instead of a code from your authenticator app, if you lose it. They are shown only now.
backup-heading = Backup codes
backup-continue = Continue

## Invites and recovery links (invite.html)

invite-title-recovery = Add a way to sign in
invite-title-signup = Finish creating your account
invite-title = Accept your invite
invite-recovery-text = This link lets <strong>{ $username }</strong> add a new passkey.
invite-recovery-text-password = This link lets <strong>{ $username }</strong> add a new passkey or set a new password.
invite-welcome = Welcome, { $username }
invite-signup-text = Finish creating your account <strong>{ $username }</strong>: create a passkey or set a password.
invite-signup-text-email = Finish creating your account <strong>{ $username }</strong> ({ $email }): create a passkey or set a password.
invite-text = You have been invited to create an account with the username <strong>{ $username }</strong>.
invite-text-email = You have been invited to create an account with the username <strong>{ $username }</strong> ({ $email }).
invite-admin = You will be an administrator.
invite-expires = This link works once and expires { $expires }.
invite-passkey-heading = Passkey
invite-passkey-text = A passkey lets you sign in with your device's screen lock or a security key, without a password.
invite-create-passkey = Create a passkey
invite-password-heading = Password
invite-new-password = New password
invite-confirm-password = Confirm password
invite-set-password = Set password

## Notices and refusals of the account page and of links (http::account, invite, signup, verify_email)

notice-profile-saved = Your profile has been saved.
notice-password-saved = Your password has been saved. Your other sessions have been signed out.
notice-password-removed = Your password has been removed.
notice-passkey-renamed = The passkey has been renamed.
notice-passkey-removed = The passkey has been removed.
notice-passkey-added = Your new passkey is ready.
notice-session-ended = That session has been signed out.
notice-app-revoked = The application's access has been revoked.
notice-verification-sent = A verification link is on its way to your e-mail address.
notice-totp-enrolled = Your authenticator app is set up.
notice-backup-codes = Your new backup codes are ready; the old ones no longer work.
notice-totp-removed = Your authenticator app and backup codes have been removed.
notice-recovery-cancelled = The recovery has been cancelled: its link no longer works.
password-mismatch = The two passwords do not match.
totp-wrong-code = That code is not right. Check the time on your device and enter the code the app shows now.
invite-invalid = This invite link is not valid. Check that you copied the whole link, or ask for a new invite.
invite-used = This invite has already been used. Sign in instead, or ask for a new invite.
invite-revoked = This invite has been withdrawn. Ask your administrator for a new one.
invite-expired = This invite has expired. Ask your administrator for a new one.
invite-not-yet = For your safety this recovery link starts working only after a waiting period; the e-mail that brought it says when. Open it again then. If you did not ask for it, sign in and cancel the recovery on your account page.
invite-second-factor = This account is protected by an authenticator app, which a mailed link cannot replace. Sign in with your password and your authenticator app or a backup code, or ask your administrator to recover your account.
invite-role-holder = This account administers Latchkey, which a mailed link cannot hand over. Ask another administrator to recover your account, or run latchkey user recover on the server.
invite-username-taken = The invited username now belongs to someone else. Ask your administrator for a new invite.
invite-signup-taken = Someone else took this username after you asked for it, so no account was created. Sign up again with another username.
invite-account-gone = The account this invite was for no longer exists.
signup-already-confirmed = This sign-up request has already been confirmed. An administrator will review it; you will get an e-mail if it is approved.
signup-link-expired = This confirmation link has expired. Sign up again to get a new one.
signup-link-invalid = This confirmation link is not valid. Check that you copied the whole link, or sign up again.
verify-link-used = This verification link has already been used. If your address is not verified yet, ask for a new link on your account page.
verify-link-expired = This verification link has expired. Ask for a new one on your account page.
verify-link-stale = This link was sent to an address that is no longer the one on your account. Ask for a new link on your account page.
verify-link-other-account = This verification link was sent for another account than the one you are signed in as. If you did not ask for it, someone typed your address into their own account: ignore it.
verify-link-sign-in = Sign in to the account this verification link was sent for, then open the link again. If you did not ask for it, ignore it.
verify-link-invalid = This verification link is not valid. Check that you copied the whole link, or ask for a new one on your account page.
csrf-expired = This form has expired or came from another site. Go back, reload the page and try again.

## Passkey messages (http::webauthn, shown by webauthn.js)

passkey-reauth = Please confirm it is you: sign in again.
passkey-not-found = Not found.
passkey-expired = This passkey request has expired. Please try again.
passkey-refused = This passkey could not be used to sign in here.
passkey-duplicate = This passkey is already registered.
passkey-other-site = This request came from another site.
passkey-session-ended = Your session has ended. Please sign in again.
passkey-reauth-add = Please confirm it is you: sign in again to add a passkey.
invite-invalid-short = This invite link is not valid.
invite-used-short = This invite has already been used.
invite-revoked-short = This invite has been withdrawn.
invite-expired-short = This invite has expired.
invite-second-factor-short = This account is protected by an authenticator app, which a mailed link cannot replace: ask your administrator to recover your account.
invite-role-holder-short = This account administers Latchkey, which a mailed link cannot hand over: ask another administrator to recover your account.
invite-username-taken-short = The invited username now belongs to someone else.

## Titles of refused links (http::invite, signup, verify_email)

invite-not-found-title = Invite not found
invite-used-title = Invite already used
invite-revoked-title = Invite withdrawn
invite-expired-title = Invite expired
invite-not-yet-title = Recovery link not usable yet
invite-second-factor-title = Recovery needs your administrator
invite-role-holder-title = Recovery needs another administrator
invite-username-taken-title = Username taken
invite-account-exists-title = Account exists
invite-account-gone-title = Account removed
link-already-confirmed-title = Already confirmed
link-expired-title = Link expired
link-invalid-title = Link not valid
link-used-title = Link already used
link-address-changed-title = Address changed
link-other-account-title = Link for another account
link-sign-in-first-title = Sign in first
invite-address-taken = An account with this e-mail address exists already, so no account was created. Sign in, or press "Lost your passkey?" on the sign-in page.

## Account page (account.html)

account-title = Your account
nav-main = Main
nav-administration = Administration
nav-account = Account
account-signed-in-as = Signed in as <strong>{ $username }</strong>.
account-recovery-heading = Account recovery requested
account-recovery-asked = On { $requested } someone asked on the sign-in page for a link to recover this account, and it was mailed to your e-mail address.
account-recovery-from = It starts to work at { $start } and expires at { $expires }. Using it signs this account out everywhere.
account-recovery-now = It works now and expires at { $expires }. Using it signs this account out everywhere.
account-recovery-not-you = If this was not you, cancel it, and consider changing the password of your e-mail account.
account-recovery-cancel = Cancel recovery
account-passkeys = Passkeys
account-col-name = Name
account-col-created = Created
account-col-last-used = Last used
account-col-actions = Actions
account-never = never
account-rename-label = New name for { $name }
account-rename-aria = Rename { $name }
account-rename = Rename
account-remove = Remove
account-no-passkeys = You have no passkeys yet.
account-add-passkey = Add a passkey
account-password = Password
account-current-password = Current password
account-new-password = New password
account-confirm-password = Confirm password
account-change-password = Change password
account-set-password = Set password
account-remove-password = Remove password
account-totp = Authenticator app
account-totp-on = An authenticator app is set up. Backup codes left: <strong>{ $left }</strong>.
account-totp-off = No authenticator app is set up. With one, signing in with your password also asks for a code from your phone.
account-totp-set-up = Set up an authenticator app
account-totp-replace = Setting up another app replaces this one once you verify a code from it.
account-regenerate-codes = Regenerate backup codes
account-remove-totp = Remove authenticator app
account-sessions = Active sessions
account-unknown-browser = Unknown browser
account-session-from = from { $ip }
account-session-times = signed in { $created }, last seen { $seen }
account-this-browser = (this browser)
account-sign-out = Sign out
account-apps = Connected apps
account-col-application = Application
account-col-access = Access
account-sign-in-only = sign-in only
account-revoke = Revoke
account-no-apps = No applications have access to your account.
account-everywhere-text = Ends every session of your account, this one included, and makes every application ask you to sign in again.
account-sign-out-everywhere = Sign out everywhere
account-profile = Profile
account-full-name = Full name
account-given-name = Given name
account-family-name = Family name
account-nickname = Nickname
account-email = Email
account-verified = verified
account-not-verified = not verified
account-verify-email = Verify e-mail address
account-phone = Phone
account-picture = Picture URL
account-locale = Locale
account-save-profile = Save profile

## Administration navigation (admin_layout.html); the admin pages themselves are English

admin-nav = Administration
admin-nav-users = Users
admin-nav-groups = Groups
admin-nav-clients = Clients
admin-nav-invites = Invites
admin-nav-signups = Sign-up requests
admin-nav-registration-tokens = Registration tokens
admin-nav-keys = Keys
admin-nav-audit = Audit log
admin-nav-api-keys = API keys
admin-nav-account = Account

## Passkey messages of webauthn.js (data-msg-* on the passkey buttons)

passkey-js-cancelled = The passkey request was cancelled or timed out.
passkey-js-failed = The passkey could not be used.
passkey-js-unsupported = This browser cannot use passkeys.

## Password rules (auth::password::PolicyError, shown on the account and invite pages)

password-common = This password is too common: it appears in lists of breached passwords. Choose a different one, such as a few unrelated words.
password-too-short = The password must be at least 8 characters long.
password-too-long = The password must be at most 128 characters long.
password-is-username = The password must not be your username.
## Branding: the header and footer of every page, client logos
header-sign-out = Sign out
footer-help = Help: { $contact }
client-logo-alt = Logo of { $client }

# Recovery codes (/account, /recover)
recover-code-heading = Have a recovery code?
recover-code-intro = If you created recovery codes on your account page, one of them with your username lets you add a new passkey or set a new password right away.
recover-code-label = Recovery code
recover-code-use = Use recovery code
recover-code-no-match = That username and recovery code do not match. Each code works once; check what you typed, or use another code.
account-recovery-codes-heading = Recovery codes
account-recovery-codes-left = Recovery codes left: <strong>{ $left }</strong>. Each one, with your username, lets you back in on the <a href="/recover">Lost your passkey?</a> page if you lose every passkey and your password.
account-recovery-codes-none = No recovery codes. Recovery codes let you back in on the <a href="/recover">Lost your passkey?</a> page if you lose every passkey and your password, without waiting for a mailed link or an administrator.
account-recovery-codes-create = Create recovery codes
account-recovery-codes-remove = Remove recovery codes
notice-recovery-codes = Your new recovery codes are ready; the old ones no longer work.
notice-recovery-codes-removed = Your recovery codes have been removed.
error-no-recovery-codes = There are no recovery codes to remove.
recovery-codes-title = Your recovery codes
recovery-codes-keep = Keep these codes somewhere safe and away from your devices, such as a password manager or on paper. If you lose every passkey and your password, one of them with your username gets you back in on the “Lost your passkey?” page. Each works once. Any older recovery codes no longer work. They are shown only now.
recovery-codes-heading = Recovery codes
mail-change-recovery-codes-created = New recovery codes were created for your account { $username } at { $site }{ $detail }.
mail-change-recovery-code-used = A recovery code was used to start recovering your account { $username } at { $site }{ $detail }.
