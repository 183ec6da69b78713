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

## Administration navigation (admin_layout.html); the management pages follow at the end

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

## Management pages (admin_*.html): shared words

admin-pages = Pages
admin-previous-page = Previous page
admin-next-page = Next page
admin-col-status = Status
admin-col-state = State
admin-col-actions = Actions
admin-col-created = Created
admin-col-expires = Expires
admin-col-last-used = Last used
admin-never = never
admin-revoke = Revoke
admin-remove = Remove
admin-field-username = Username
admin-field-name = Name
admin-field-full-name = Full name
admin-field-email = Email
admin-field-groups = Groups
admin-field-groups-list = Groups (comma-separated)
admin-field-role = Role
admin-field-administrator = Administrator
admin-field-description = Description
admin-field-attributes = Attributes
admin-field-require-mfa = Require a second factor
admin-save-attributes = Save attributes
admin-role-none = None
admin-role-owner = Owner
admin-role-admin = Administrator
admin-role-user-manager = User manager
admin-role-client-manager = Client manager
admin-role-auditor = Auditor

## Users (admin_users.html)

admin-users-title = Users
admin-users-search-label = Search users
admin-users-search = Search
admin-users-total = { $count ->
    [one] { $count } user.
   *[other] { $count } users.
}
admin-users-total-matching = { $count ->
    [one] { $count } user matching “{ $query }”.
   *[other] { $count } users matching “{ $query }”.
}
admin-user-active = active
admin-user-disabled = disabled
admin-users-create-heading = Create a user
admin-users-create-hint = Usually it is better to <a href="/admin/invites">send an invite</a>, so people choose their own passkey or password.
admin-users-initial-password = Initial password (optional)
admin-users-create = Create user

## A user (admin_user.html)

admin-user-id = User id <code>{ $id }</code>
admin-user-created = created { $date }
admin-user-passkey-count = { $count ->
    [one] { $count } passkey
   *[other] { $count } passkeys
}
admin-user-has-password = has a password
admin-user-no-password = no password
admin-user-recovery-link = Recovery link
admin-user-recovery-emailed = The link has been e-mailed to { $email }. It works once, until { $expires }; it is also shown here only now.
admin-user-recovery-send = Send this link to { $username }; it is shown only now and works once, until { $expires }.
admin-user-profile = Profile
admin-user-given-name = Given name
admin-user-family-name = Family name
admin-user-nickname = Nickname
admin-user-email-verified = Email verified
admin-user-phone = Phone
admin-user-phone-verified = Phone verified
admin-user-picture = Picture URL
admin-user-locale = Locale
admin-user-save-profile = Save profile
admin-user-groups-label = Groups (comma-separated; groups confer no administrative rights: roles do)
admin-user-save-groups = Save groups
admin-user-save-role = Save role
admin-user-attributes-label = Attributes (a JSON object; they win over the attributes of the user's groups and reach clients whose claim mapping releases them)
admin-user-sessions = Sessions
admin-user-col-signed-in = Signed in
admin-user-col-last-seen = Last seen
admin-user-col-address = Address
admin-user-col-browser = Browser
admin-user-col-methods = Methods
admin-user-end-session-aria = End session signed in { $created } from { $ip }
admin-user-end-session-aria-unknown = End session signed in { $created } from an unknown address
admin-user-end-session = End session
admin-user-end-all-sessions = End all sessions
admin-user-end-all-hint = Ends every session and also revokes the tokens the user's applications hold. <strong>End session</strong> signs out one browser only.
admin-user-no-sessions = No active sessions.
admin-user-passkeys = Passkeys
admin-user-remove-passkey-aria = Remove the passkey { $name }
admin-user-last-method = <strong>Warning:</strong> this is the user's only way to sign in. After removing it they cannot sign in until they use a recovery link.
admin-user-no-passkeys = No passkeys.
admin-user-second-factor = Second factor
admin-user-totp-on = { $count ->
    [one] Authenticator app set up; { $count } backup code left.
   *[other] Authenticator app set up; { $count } backup codes left.
}
admin-user-totp-off = { $count ->
    [one] No authenticator app; { $count } backup code left.
   *[other] No authenticator app; { $count } backup codes left.
}
admin-user-second-factor-none = None set up.
admin-user-reset-confirm = Yes, remove this user's authenticator app, backup codes and recovery codes
admin-user-reset-second-factor = Reset second factor
admin-user-access = Access
admin-user-email-link = E-mail the link to { $email }
admin-user-send-recovery = Send recovery link
admin-user-disable = Disable
admin-user-enable = Enable
admin-user-delete = Delete user
admin-user-audit-events = Audit events for this user

## Clients (admin_clients.html)

admin-clients-title = Clients
admin-clients-col-type = Type
admin-clients-col-redirect-uris = Redirect URIs
admin-clients-may-administer = may administer Latchkey
admin-clients-resource-server = resource server
admin-clients-registered-on = Registered dynamically on { $date }
admin-clients-register-heading = Register a client
admin-clients-public-label = Public client (SPA or native app: no secret, PKCE)
admin-clients-skip-consent-label = Skip consent (first-party application)
admin-clients-register = Register client

## A client (admin_client.html)

admin-client-id-label = Client id
admin-client-id-code = Client id <code>{ $id }</code>
admin-client-public = public
admin-client-confidential = confidential
admin-client-public-fixed = public (fixed: register a new client to change it)
admin-client-confidential-fixed = confidential (fixed: register a new client to change it)
admin-client-grants = grants { $grants }
admin-client-registered = Registered dynamically on { $date }: it registered itself at <code>/register</code> and manages its registration with its registration access token.
admin-client-admin-scope = <strong>May administer Latchkey:</strong> this client is allowed the <code>latchkey:admin</code> scope (the admin API). Users are always asked for consent before it receives it.
admin-client-resource-server-note = Resource server: may introspect tokens issued to other clients.
admin-client-secret = Client secret
admin-client-secret-once = Copy it now: it is shown only once.
admin-client-settings = Settings
admin-client-redirect-uris-label = Redirect URIs (one per line)
admin-client-post-logout-uris-label = Post-logout redirect URIs (one per line)
admin-client-skip-consent = Skip consent
admin-client-resource-server-label = Resource server (may introspect tokens issued to other clients)
admin-client-client-credentials = Allow the client credentials grant
admin-client-device-grant = Allow the device authorization grant (devices without a browser, RFC 8628)
admin-client-refresh-tokens = May receive refresh tokens (offline_access; needs a redirect URI)
admin-client-require-par = Require pushed authorization requests (PAR, RFC 9126)
admin-client-require-dpop = Require DPoP-bound tokens (RFC 9449)
admin-client-scopes-label = Extra scopes it may request (space-separated; latchkey:admin allows the admin API)
admin-client-id-token-alg = ID token signing algorithm
admin-client-origins-label = Allowed browser origins (CORS; one per line, such as https://app.example)
admin-client-origins-label-derived = Allowed browser origins (CORS; one per line, such as https://app.example; the redirect URIs already allow { $origins })
admin-client-backchannel-uri-label = Back-channel logout URL (receives a logout token when a user's session ends; https, or http on localhost)
admin-client-backchannel-sid = Its logout tokens must carry the session id (sid)
admin-client-branding-legend = Branding (https URLs; the sign-in and consent pages link to the homepage, privacy policy and terms)
admin-client-logo-uri-label = Logo URL (stored and returned to tools, never loaded: upload the logo below)
admin-client-homepage-label = Homepage URL
admin-client-policy-label = Privacy policy URL
admin-client-tos-label = Terms of service URL
admin-client-save = Save client
admin-client-logo = Logo
admin-client-logo-shown = Shown on the sign-in and consent pages.
admin-client-no-logo = No logo: the sign-in and consent pages show only the name.
admin-client-logo-file = Logo file (PNG, JPEG, WebP or SVG without scripts; at most { $kib } KiB)
admin-client-upload-logo = Upload logo
admin-client-remove-logo = Remove logo
admin-client-claims = Claims
admin-client-claim-mapping-label = Claim mapping (JSON; <code>{"{}"}</code> gives the default claims)
admin-client-save-claim-mapping = Save claim mapping
admin-client-who-may-sign-in = Who may sign in
admin-client-only-members = Only members of { $groups }.
admin-client-every-active-user = Every active user.
admin-client-allowed-groups-label = Allowed groups (comma-separated; empty: everyone)
admin-client-save-allowed-groups = Save allowed groups
admin-client-keys = Keys (private_key_jwt)
admin-client-authenticates-with = Authenticates with <code>{ $method }</code>.
admin-client-key-ids = Keys:
admin-client-jwks-label-replace = JWK Set (public keys only; replaces the current keys at once)
admin-client-jwks-label-first = JWK Set (public keys only; the client then authenticates with these keys and its secret stops working)
admin-client-replace-keys = Replace keys
admin-client-backchannel = Back-channel logout
admin-client-no-backchannel = No back-channel logout URL: the client is not told when sessions end.
admin-client-col-session-ended = Session ended
admin-client-col-attempts = Attempts
admin-client-col-last-error = Last error
admin-client-col-finished = Finished or next attempt
admin-client-next-attempt = next { $date }
admin-delivery-pending = pending
admin-delivery-delivered = delivered
admin-delivery-failed = failed
admin-client-no-deliveries = No logout tokens sent yet.
admin-client-credentials = Credentials
admin-client-rotate-secret = Rotate secret
admin-client-delete = Delete client

## Connect an application (admin_client_connect.html, http::admin::connect)

admin-connect-heading = Connect an application
admin-connect-intro = Most applications need only the discovery URL, the client id and the client secret:
admin-connect-intro-public = Most applications need only the discovery URL, the client id:
admin-connect-discovery = Discovery URL
admin-connect-issuer = Issuer
admin-connect-secret-none = none (public client: PKCE with S256)
admin-connect-secret-above = shown above
admin-connect-secret-placeholder = shown once, when the client is created or its secret rotated; <code>&lt;client_secret&gt;</code> below stands for it
admin-connect-auth = Client authentication
admin-connect-authorization = Authorization endpoint
admin-connect-token = Token endpoint
admin-connect-userinfo = UserInfo endpoint
admin-connect-end-session = End session (logout)
admin-connect-none-registered = none registered
admin-connect-scopes = Scopes
admin-connect-and = and
admin-connect-more = More in the integration guide (docs/integration.md in the Latchkey repository).
admin-connect-app-spa = Single-page app (oidc-client-ts)
admin-connect-place-shell = shell
admin-connect-place-nextcloud = shell, in the Nextcloud folder

## Groups (admin_groups.html, admin_group.html)

admin-groups-title = Groups
admin-groups-total = { $count ->
    [one] { $count } group. Members join a group from their user page; a client can be restricted to groups.
   *[other] { $count } groups. Members join a group from their user page; a client can be restricted to groups.
}
admin-groups-col-members = Members
admin-groups-create-heading = Create a group
admin-groups-create = Create group
admin-group-member-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
admin-group-no-members = No members. Add people from their user page.
admin-group-save-description = Save description
admin-group-policy = Sign-in policy
admin-group-policy-hint = Members then confirm every sign-in with an authenticator app or a backup code, or sign in with a passkey; members without a second factor set one up right after their password.
admin-group-save-policy = Save policy
admin-group-attributes-label = Attributes (a JSON object; members receive them unless they set the same names, and among groups the one whose name sorts first wins)
admin-group-rename = Rename
admin-group-new-name = New name
admin-group-rename-submit = Rename group
admin-group-delete-heading = Delete
admin-group-delete-confirm = { $count ->
    [one] Yes, delete this group and its { $count } membership
   *[other] Yes, delete this group and its { $count } memberships
}
admin-group-delete = Delete group

## Invites (admin_invites.html)

admin-invites-title = Invites
admin-invites-link = Invite link
admin-invites-emailed = The invite has been e-mailed to { $email }. It works once, until { $expires }; the link is also shown here only now.
admin-invites-send = Send this link to { $username }; it is shown only now and works once, until { $expires }.
admin-invites-col-kind = Kind
admin-invites-kind-recovery = recovery
admin-invites-kind-administrator = administrator
admin-invites-kind-new-account = new account
admin-invite-status-pending = pending
admin-invite-status-used = used
admin-invite-status-revoked = revoked
admin-invite-status-expired = expired
admin-invites-revoke-aria = Revoke the invite for { $username }
admin-invites-create-heading = Invite someone
admin-invites-valid-hours = Valid for (hours)
admin-invites-send-email = Send by e-mail (to the address above)
admin-invites-create = Create invite

## Signing keys (admin_keys.html)

admin-keys-title = Signing keys
admin-keys-intro = Tokens are signed with the newest key of their algorithm. A rotated key stays published in <code>/jwks</code> until every token it signed has expired, then it is deleted.
admin-keys-col-kid = Key id
admin-keys-col-alg = Algorithm
admin-keys-col-retired = Retired
admin-keys-signing = signs now
admin-keys-published = published (verifies older tokens)
admin-keys-unpublished = no longer published
admin-keys-rotate-heading = Rotate
admin-keys-rotate-intro = A new key takes over signing at once; relying parties that cache <code>/jwks</code> pick it up when they meet its key id.
admin-keys-rotate = Rotate { $alg } key

## Audit log (admin_audit.html)

admin-audit-title = Audit log
admin-audit-user-id = User id
admin-audit-event = Event
admin-audit-from = From
admin-audit-to = To
admin-audit-filter = Filter
admin-audit-total = { $count ->
    [one] { $count } event. Dates are UTC; “To” includes that whole day.
   *[other] { $count } events. Dates are UTC; “To” includes that whole day.
}
admin-audit-col-when = When
admin-audit-col-actor = Actor
admin-audit-col-subject = Subject
admin-audit-col-client = Client
admin-audit-col-ip = From
admin-audit-col-details = Details

## API keys (admin_api_keys.html)

admin-api-keys-title = API keys
admin-api-keys-intro = An API key lets a script call the admin API (<code>/api/admin/v1</code>) as <code>Authorization: Bearer lk_…</code>, with the key's role. A key never outranks whoever created it.
admin-api-keys-new = New API key
admin-api-keys-created = The API key “{ $name }” ({ $role }) works until { $expires }. Copy it now: it is not shown again.
admin-api-keys-key = API key
admin-api-keys-col-created-by = Created by
admin-api-key-state-active = active
admin-api-key-state-expired = expired
admin-api-key-state-revoked = revoked
admin-api-keys-revoke-aria = Revoke the API key { $name }
admin-api-keys-create-heading = Create an API key
admin-api-keys-lifetime = Lifetime (days)
admin-api-keys-create = Create API key

## Registration tokens (admin_registration_tokens.html)

admin-tokens-title = Registration tokens
admin-tokens-intro = Initial access tokens let relying parties register themselves at <code>{ $endpoint }</code> (dynamic client registration).
admin-tokens-mode-token = Registration needs one of these tokens.
admin-tokens-mode-open = Registration is open to anyone: these tokens are not needed.
admin-tokens-mode-off = Registration is off (<code>LATCHKEY_REGISTRATION=off</code>): these tokens do nothing until it is set to <code>token</code>.
admin-tokens-new = New token
admin-tokens-created = Give this token to whoever registers the client(s) of “{ $name }”; it is shown only now. It registers up to { $uses } client(s), until { $expires }.
admin-tokens-col-uses-left = Uses left
admin-tokens-col-issued-by = Issued by
admin-token-status-active = active
admin-token-status-expired = expired
admin-token-status-used_up = used_up
admin-token-status-revoked = revoked
admin-tokens-revoke-aria = Revoke the token { $name }
admin-tokens-issue-heading = Issue a token
admin-tokens-valid-days = Valid for (days)
admin-tokens-uses = Uses
admin-tokens-issue = Issue token

## Sign-up requests (admin_signups.html)

admin-signups-title = Sign-up requests
admin-signups-intro = People who asked for an account at <code>/signup</code> and confirmed their e-mail address.
admin-signups-mode-approval = <strong>Approve</strong> mails them a link that creates the account with a passkey or a password (it works once, for 24 hours); <strong>Reject</strong> deletes the request and mails nothing. Requests not decided within 30 days of confirmation are dropped.
admin-signups-mode-domain = Self-registration is open to the configured e-mail domains (<code>LATCHKEY_SIGNUP=email-domain</code>): nobody waits for approval.
admin-signups-mode-off = Self-registration is off (<code>LATCHKEY_SIGNUP=off</code>).
admin-signups-col-asked = Asked
admin-signups-col-ip = From
admin-signups-approve = Approve
admin-signups-approve-aria = Approve { $username }
admin-signups-reject = Reject
admin-signups-reject-aria = Reject { $username }
admin-signups-none = No sign-up request is waiting.

## Notices and refusals of the management pages (http::admin)

admin-notice-created = Created.
admin-notice-saved = Saved.
admin-notice-logo-saved = The logo is saved; the sign-in and consent pages show it.
admin-notice-logo-removed = The logo is removed.
admin-notice-keys-replaced = The keys are replaced; assertions signed with the previous ones are refused.
admin-notice-disabled = The user is disabled and signed out everywhere.
admin-notice-enabled = The user is enabled.
admin-notice-deleted = Deleted.
admin-notice-revoked = The invite has been revoked.
admin-notice-session-ended = The session has ended; that browser is signed out.
admin-notice-sessions-ended = Every session has ended, and the user's tokens are revoked.
admin-notice-passkey-removed = The passkey has been removed.
admin-notice-second-factor-reset = The second factor has been reset: the user's authenticator app, backup codes and recovery codes are removed.
admin-notice-passkey-removed-last = The passkey has been removed. It was the user's last way to sign in: send them a recovery link.
admin-notice-client-registered = The client is registered.
admin-notice-secret-rotated = A new secret is in force; the old one no longer works.
admin-notice-key-rotated = A new key signs from now on; the previous one stays published until its tokens expire.
admin-notice-token-revoked = The token has been revoked; clients it registered stay.
admin-notice-api-key-revoked = The API key has been revoked; it is refused from now on.
admin-notice-signup-approved = Approved: the link to create the account is mailed; it works for 24 hours.
admin-notice-signup-rejected = Rejected: the request is deleted and nothing was mailed.
admin-error-not-administrator = Only administrators can open the management pages.
admin-error-role-forbids = Your role ({ $role }) does not allow this.
admin-error-confirm-reset = Tick the confirmation to reset the second factor.
admin-error-confirm-delete-group = tick the confirmation to delete the group and its memberships
admin-error-link-withdrawn = { $reason }. The link was withdrawn; try again.
admin-error-invite-withdrawn = { $reason }. The invite was withdrawn; try again.
admin-error-hours = The validity must be a whole number of hours.
admin-error-token-numbers = Give the number of days (1 to 365) and of uses as whole numbers.
admin-error-lifetime = Give the lifetime as a whole number of days (1 to 730).
admin-error-refused = Refused: { $reason }.
admin-error-attributes-too-large = the attributes are too large
admin-error-attributes-not-json = the attributes are not valid JSON: { $error }
admin-error-claim-mapping-too-large = the claim mapping are too large
admin-error-claim-mapping-not-json = the claim mapping are not valid JSON: { $error }
admin-user-recovery-codes = Recovery codes
admin-user-recovery-codes-left = { $count ->
    [one] { $count } recovery code left.
   *[other] { $count } recovery codes left.
}
admin-user-remove-recovery-codes = Remove recovery codes
admin-user-no-recovery-codes = No recovery codes.
admin-notice-recovery-codes-removed = The user's recovery codes have been removed; the links they gave no longer work.
