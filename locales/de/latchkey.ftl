# Latchkey: Deutsch.
# Message ids are shared by every language; see docs/languages.md.

## Sign-in page (login.html)

login-title = Anmelden
login-continue-to = um mit <strong>{ $client }</strong> fortzufahren
login-reauth = Bitte bestätigen Sie, dass Sie es sind: Melden Sie sich erneut an, um diese Änderung vorzunehmen.
login-username = Benutzername
login-password = Passwort
login-sign-in = Anmelden
login-or = oder
login-passkey = Mit einem Passkey anmelden
login-passkey-needs-js = Die Anmeldung mit einem Passkey benötigt JavaScript.
login-lost-passkey = Passkey verloren?
login-create-account = Konto erstellen
login-missing-fields = Geben Sie Ihren Benutzernamen und Ihr Passwort ein.
login-failed = Benutzername oder Passwort ist falsch. Nach mehreren Fehlversuchen wird ein Konto für eine Weile gesperrt.
login-form-unreadable = Das Anmeldeformular konnte nicht gelesen werden.

## Error pages (error.html and the errors of every page)

error-bad-request = Ungültige Anfrage
error-forbidden = Nicht erlaubt
error-not-found = Nicht gefunden
error-not-found-message = Hier gibt es nichts.
error-page-not-found = Seite nicht gefunden
error-page-not-found-message = Unter dieser Adresse gibt es keine Seite. Der Link ist vielleicht falsch geschrieben oder veraltet.
error-link-account = Zu Ihrem Konto
error-link-sign-in = Anmelden
error-conflict = Konflikt
error-conflict-taken = Dieser Wert ({ $what }) ist bereits vergeben.
error-too-many-requests = Zu viele Anfragen
error-too-many-requests-message = Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es erneut.
error-busy = Ausgelastet
error-busy-message = Der Server ist mit der Prüfung von Passwörtern ausgelastet. Bitte versuchen Sie es in ein paar Sekunden erneut.
error-internal = Etwas ist schiefgelaufen
error-internal-message = Der Server konnte die Anfrage nicht abschließen. Bitte versuchen Sie es erneut.

## Second step at sign-in (second_factor.html)

step-title = Zweiter Schritt
step-up-title = Mit einem zweiten Faktor bestätigen
step-sign-in-again = Erneut anmelden
step-up-intro = { $client } verlangt einen zweiten Faktor. Geben Sie den Code aus Ihrer Authenticator-App oder einen Ihrer Backup-Codes ein.
step-intro = Geben Sie den Code aus Ihrer Authenticator-App oder einen Ihrer Backup-Codes ein.
step-code = Code
step-verify = Bestätigen
step-passkey-instead = Stattdessen mit einem Passkey anmelden

## Consent (consent.html)

consent-title = { $client } erlauben?
consent-heading = <strong>{ $client }</strong> möchte auf Ihr Konto zugreifen
consent-signed-in-as = Angemeldet als { $username }.
consent-registered = Diese Anwendung hat sich selbst registriert: Ihr Name wurde nicht von Ihrer Administration geprüft. Fahren Sie nur fort, wenn Sie ihr vertrauen.
consent-returns-to = Sie werden danach zu <strong>{ $host }</strong> zurückgeschickt.
consent-about = Über { $client }
consent-device = Ein Gerät möchte sich als Sie anmelden. Erlauben Sie es nur, wenn es den Code <strong class="user-code">{ $code }</strong> zeigt und Sie diese Anmeldung selbst begonnen haben.
consent-asking = { $client } möchte:
consent-allow = Erlauben
consent-deny = Ablehnen
consent-link-homepage = Startseite
consent-link-policy = Datenschutzerklärung
consent-link-tos = Nutzungsbedingungen

## Sign-out (logout.html, signed_out.html)

logout-title = Abmelden
logout-heading = Abmelden?
logout-signed-in-as = Sie sind als <strong>{ $username }</strong> angemeldet.
logout-signed-in-as-client = Sie sind als <strong>{ $username }</strong> angemeldet; <strong>{ $client }</strong> hat Ihre Abmeldung angefordert.
logout-sign-out = Abmelden
signed-out-title = Abgemeldet
signed-out-heading = Sie sind abgemeldet
signed-out-everywhere = Alle Sitzungen Ihres Kontos wurden beendet, und die Anwendungen, die Sie verwendet haben, müssen Sie erneut zur Anmeldung auffordern.
signed-out-close = Sie können dieses Fenster schließen oder sich <a href="/login">erneut anmelden</a>.

## No access to an application (no_access.html)

no-access-title = Kein Zugriff auf { $client }
no-access-heading = Sie haben keinen Zugriff auf { $client }
no-access-message = Sie sind als { $username } angemeldet, und dieses Konto darf { $client } nicht verwenden. Falls es das sollte, bitten Sie eine Administratorin oder einen Administrator, Sie einer der zugehörigen Gruppen hinzuzufügen.
no-access-back = Zurück zu { $client }

## Device sign-in (device.html, device_done.html)

device-title = Ein Gerät anmelden
device-intro = Geben Sie den Code ein, den Ihr Gerät (Fernseher, Konsole, Kommandozeile …) anzeigt.
device-prefilled = Der Code unten kam mit dem Link, dem Sie gefolgt sind. Fahren Sie nur fort, wenn Ihr eigenes Gerät ihn anzeigt und Sie diese Anmeldung selbst begonnen haben.
device-code = Code
device-continue = Weiter
device-another = Ein weiteres Gerät anmelden

## Returning to the application (form_post.html)

form-post-title = Weiter
form-post-heading = Sie werden zur Anwendung zurückgebracht …
form-post-no-js = JavaScript ist deaktiviert: Drücken Sie die Schaltfläche, um fortzufahren.
form-post-continue = Weiter

## Scopes on the consent page (oidc::claims::describe)

scope-openid = Sie anmelden und Ihre Benutzerkennung kennen
scope-profile = Ihr Name, Benutzername, Bild und Ihre Sprache
scope-email = Ihre E-Mail-Adresse
scope-phone = Ihre Telefonnummer
scope-groups = Die Gruppen, denen Sie angehören
scope-offline-access = Angemeldet bleiben, auch wenn Sie sie nicht verwenden
scope-admin = Latchkey in Ihrem Namen verwalten
scope-unknown = Unbekannte Berechtigung
scope-claims = Ihre Angaben: { $claims }

## Messages of the sign-in flow (http::oidc, http::second_step)

flow-request-expired = Diese Anmeldeanfrage ist abgelaufen oder wurde bereits abgeschlossen. Kehren Sie zur Anwendung zurück und beginnen Sie erneut.
flow-redirect-uri-invalid = Die Weiterleitungsadresse ist ungültig.
flow-request-malformed = Die Autorisierungsanfrage ist fehlerhaft.
flow-client-unknown = Die Anwendung, die Sie hierher geschickt hat, ist nicht registriert.
step-wrong-code = Falscher Code. Nach mehreren Fehlversuchen wird ein Konto für eine Weile gesperrt.
step-expired = Diese Anmeldung ist abgelaufen oder wurde bereits abgeschlossen. Melden Sie sich erneut an.
step-locked = Zu viele Fehlversuche: Das Konto ist für eine Weile gesperrt. Melden Sie sich später erneut an.
step-wrong-enrol-code = Dieser Code stimmt nicht. Geben Sie den Code ein, den Ihre Authenticator-App jetzt anzeigt.
step-enrol-heading = Zweiten Faktor einrichten
step-enrol-intro = Diese Anmeldung erfordert einen zweiten Faktor. Richten Sie jetzt eine Authenticator-App ein; danach bestätigen Sie jede Anmeldung mit einem Code daraus.
logout-malformed = Die Abmeldeanfrage ist fehlerhaft.
logout-redirect-invalid = Die Weiterleitungsadresse nach der Abmeldung ist ungültig.
logout-needs-client = Eine Weiterleitung nach der Abmeldung braucht eine bekannte Anwendung (client_id oder id_token_hint).
logout-redirect-unregistered = Die Weiterleitungsadresse nach der Abmeldung ist für diese Anwendung nicht registriert.
logout-bad-hint = Der id_token_hint ist kein gültiges ID-Token dieses Anbieters.

## Device sign-in results (http::oidc::device)

device-wrong-code = Dieser Code ist ungültig. Prüfen Sie den Code, den Ihr Gerät anzeigt (er läuft nach wenigen Minuten ab), und versuchen Sie es erneut.
device-approved-title = Gerät angemeldet
device-approved = { $client } ist auf Ihrem Gerät angemeldet. Sie können diese Seite schließen und zum Gerät zurückkehren.
device-denied-title = Gerät nicht angemeldet
device-denied = Sie haben { $client } den Zugriff verweigert. Das Gerät wird nicht angemeldet.
device-refused-title = { $client } wurde nicht angemeldet
device-refused = Das Gerät wurde nicht angemeldet: { $reason }.
device-gone-title = Code abgelaufen
device-gone = Dieser Code ist abgelaufen oder wurde bereits verwendet. Beginnen Sie auf Ihrem Gerät von vorn.

## Refused authorization requests (oidc::authorize, oidc::par; shown on the error page)

authorize-param-too-long = Ein Parameter der Anfrage ist zu lang.
authorize-no-client = Die Anfrage nennt keine Anwendung (client_id fehlt).
authorize-no-redirect-uri = Die Anfrage hat keine redirect_uri.
authorize-redirect-unregistered = Die Weiterleitungsadresse der Anfrage ist für diese Anwendung nicht registriert.
authorize-pushed-unusable = Diese Anmeldeanfrage ist abgelaufen oder wurde bereits verwendet (invalid_request_uri). Kehren Sie zur Anwendung zurück und beginnen Sie erneut.

## E-mails (mail.rs): subjects and bodies, plain text; lines are kept as written

mail-invite-subject = Ihre Einladung zu { $site }
mail-invite-body =
    Sie wurden eingeladen, sich bei { $site } anzumelden.

    Öffnen Sie diesen Link, um einen Passkey zu erstellen oder ein Passwort festzulegen:

    { $url }

    Der Link funktioniert einmal und läuft am { $expires } ab.
    Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.
mail-recovery-subject = Ihr Konto bei { $site } wiederherstellen
mail-recovery-body =
    Eine Administratorin oder ein Administrator hat einen Link erstellt, mit dem Sie Ihr Konto bei { $site } wiederherstellen können.

    Öffnen Sie diesen Link, um einen neuen Passkey zu erstellen oder ein neues Passwort festzulegen:

    { $url }

    Der Link funktioniert einmal und läuft am { $expires } ab.
    Wenn Sie das nicht angefordert haben, informieren Sie Ihre Administration.
mail-self-recovery-when-delayed =
    Zu Ihrer Sicherheit funktioniert der Link erst ab { $from }
    und dann einmal, bis { $expires }.
mail-self-recovery-when = Der Link funktioniert einmal und läuft am { $expires } ab.
mail-self-recovery-cancel-delayed =
    Wenn Sie das nicht angefordert haben, versucht vielleicht jemand, Ihr
    Konto zu übernehmen: Melden Sie sich vor { $from } wie gewohnt an, öffnen Sie Ihre Kontoseite
    ({ $issuer }/account) und drücken Sie „Wiederherstellung abbrechen“.
mail-self-recovery-cancel = Wenn Sie das nicht angefordert haben, informieren Sie sofort Ihre Administration.
mail-self-recovery-body =
    Jemand, wahrscheinlich Sie, hat auf der Anmeldeseite von { $site } einen Link
    angefordert, um das Konto { $username } wiederherzustellen, dessen Passkey oder Passwort verloren ging.

    Öffnen Sie diesen Link, um einen neuen Passkey zu erstellen oder ein neues Passwort festzulegen:

    { $url }

    { $when }
    Die Verwendung meldet das Konto überall ab.

    { $cancel }
mail-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse bei { $site }
mail-verify-body =
    Jemand, wahrscheinlich Sie, möchte diese E-Mail-Adresse für ein
    Konto bei { $site } bestätigen.

    Öffnen Sie diesen Link und bestätigen Sie:

    { $url }

    Der Link funktioniert einmal und läuft am { $expires } ab.
    Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht.
mail-signup-subject = Erstellen Sie Ihr Konto bei { $site }
mail-signup-approved = Ihre Anfrage für das Konto { $username } bei { $site } wurde genehmigt.
mail-signup-asked =
    Jemand, wahrscheinlich Sie, möchte das Konto { $username } bei { $site }
    mit dieser E-Mail-Adresse erstellen.
mail-signup-body =
    { $opening }

    Öffnen Sie diesen Link, um abzuschließen: Erstellen Sie einen Passkey oder legen Sie ein Passwort fest.

    { $url }

    Der Link funktioniert einmal und läuft am { $expires } ab.
    Das Konto entsteht erst, wenn er verwendet wird. Wenn Sie das nicht angefordert haben,
    ignorieren Sie diese Nachricht.
mail-signup-verify-subject = Bestätigen Sie Ihre Registrierung bei { $site }
mail-signup-verify-body =
    Jemand, wahrscheinlich Sie, möchte das Konto { $username } bei { $site }
    mit dieser E-Mail-Adresse erstellen.

    Öffnen Sie diesen Link und bestätigen Sie die Anfrage:

    { $url }

    Der Link funktioniert einmal und läuft am { $expires } ab. Danach prüft
    eine Administratorin oder ein Administrator die Anfrage; wird sie genehmigt, erhalten Sie eine weitere E-Mail
    mit einem Link, um Ihren Passkey oder Ihr Passwort zu erstellen.
    Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht.
mail-signup-existing-subject = Ihr Konto bei { $site }
mail-signup-existing-body =
    Jemand, wahrscheinlich Sie, möchte bei { $site } ein Konto mit dieser
    E-Mail-Adresse erstellen. Sie haben bereits ein Konto mit dieser Adresse, daher wurde
    kein neues Konto erstellt.

    Melden Sie sich wie gewohnt unter { $issuer }/login an. Wenn Sie Ihren Passkey verloren oder
    Ihr Passwort vergessen haben, drücken Sie auf der Anmeldeseite „Passkey verloren?“
    ({ $issuer }/recover), um einen Wiederherstellungslink zu erhalten; kommt keiner an, fragen Sie Ihre
    Administration.

    Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht.
mail-change-subject = Ihre Anmeldemethoden bei { $site } wurden geändert
mail-change-passkey-added = Ihrem Konto { $username } bei { $site } wurde ein Passkey hinzugefügt{ $detail }.
mail-change-passkey-removed = Aus Ihrem Konto { $username } bei { $site } wurde ein Passkey entfernt{ $detail }.
mail-change-password-set = Für Ihr Konto { $username } bei { $site } wurde ein Passwort festgelegt{ $detail }.
mail-change-password-changed = Das Passwort Ihres Kontos { $username } bei { $site } wurde geändert{ $detail }.
mail-change-password-removed = Das Passwort Ihres Kontos { $username } bei { $site } wurde entfernt{ $detail }.
mail-change-authenticator-added = Für Ihr Konto { $username } bei { $site } wurde eine Authenticator-App eingerichtet{ $detail }.
mail-change-authenticator-removed = Die Authenticator-App und die Backup-Codes Ihres Kontos { $username } bei { $site } wurden entfernt{ $detail }.
mail-change-second-factor-reset = Eine Administratorin oder ein Administrator hat die Authenticator-App und die Backup-Codes Ihres Kontos { $username } bei { $site } entfernt{ $detail }.
mail-change-body =
    { $what }

    Wenn Sie das waren, ist nichts zu tun.
    Wenn nicht, verwendet vielleicht jemand anderes Ihr Konto: Informieren Sie sofort Ihre
    Administration.

## Account recovery (recover.html)

recover-title = Konto wiederherstellen
recover-sent = Wenn diese Adresse zu einem Konto gehört und bestätigt wurde, ist ein Wiederherstellungslink an sie unterwegs.
recover-sent-delay = Zu Ihrer Sicherheit funktioniert der Link erst { $delay } nach dem Versand. Bis dahin kann die Person, der das Konto gehört, ihn durch Anmelden abbrechen.
recover-no-mail = Keine E-Mail innerhalb weniger Minuten? Dann kann an diese Adresse kein Link gesendet werden: Bitten Sie Ihre Administration, Ihnen bei der Wiederherstellung Ihres Kontos zu helfen.
recover-back = Zurück zur Anmeldung
recover-intro = Passkey verloren oder Passwort vergessen? Geben Sie die E-Mail-Adresse Ihres Kontos ein, und wir senden Ihnen einen Link, mit dem Sie einen neuen Passkey hinzufügen oder ein neues Passwort festlegen können.
recover-delay = Zu Ihrer Sicherheit funktioniert der Link erst { $delay } nach dem Versand.
recover-email = E-Mail
recover-send = Wiederherstellungslink senden
recover-verified-only = Nur bestätigte Adressen erhalten einen Link. Ist Ihre nicht bestätigt, bitten Sie Ihre Administration um Hilfe.

## Sign-up (signup.html, signup_verify.html)

signup-title = Konto erstellen
signup-check-mail = Sehen Sie in Ihren E-Mails nach.
signup-sent-approval = Wenn die Adresse E-Mails empfangen kann, ist eine Nachricht mit einem Link zur Bestätigung Ihrer Anfrage unterwegs. Nach Ihrer Bestätigung prüft eine Administratorin oder ein Administrator die Anfrage; wird sie genehmigt, erhalten Sie eine zweite E-Mail mit einem Link, um Ihren Passkey oder Ihr Passwort zu erstellen.
signup-sent-link = Wenn die Adresse E-Mails empfangen kann, ist eine Nachricht mit einem Link zum Abschließen Ihres Kontos unterwegs. Der Link funktioniert einmal, 24 Stunden lang.
signup-sent-existing = Gehört die Adresse bereits zu einem Konto, steht das stattdessen in der Nachricht, zusammen mit dem Weg zurück ins Konto.
signup-intro-approval = Beantragen Sie ein Konto: Wir senden Ihnen einen Link zur Bestätigung Ihrer Adresse, danach prüft eine Administratorin oder ein Administrator Ihre Anfrage.
signup-intro-domains = Adressen bei { $domains } können ein Konto erstellen: Wir senden Ihnen einen Link, um es mit einem Passkey oder einem Passwort abzuschließen.
signup-username = Benutzername
signup-username-hint = Kleinbuchstaben, Ziffern, '.', '_', '-' und '@'; Sie melden sich damit an.
signup-email = E-Mail
signup-name = Name
signup-name-hint = Optional: wie Anwendungen Sie begrüßen.
signup-submit = Registrieren
signup-verify-title = Registrierung bestätigen
signup-verify-done-heading = Registrierung bestätigt
signup-verify-done = Danke: Ihre Anfrage für das Konto <strong>{ $username }</strong> ist bestätigt.
signup-verify-review = Eine Administratorin oder ein Administrator prüft sie jetzt. Wird sie genehmigt, erhalten Sie eine E-Mail mit einem Link, um Ihren Passkey oder Ihr Passwort zu erstellen.
signup-verify-confirm-text = Bestätigen Sie, dass Sie das Konto <strong>{ $username }</strong> mit der E-Mail-Adresse <strong>{ $email }</strong> beantragt haben. Danach prüft eine Administratorin oder ein Administrator die Anfrage.
signup-verify-confirm = Bestätigen
signup-verify-ignore = Wenn Sie das nicht angefordert haben, schließen Sie diese Seite: Es passiert nichts.

## E-mail address verification (verify_email.html)

verify-email-title = E-Mail-Adresse bestätigen
verify-email-done-heading = E-Mail-Adresse bestätigt
verify-email-done = Ihre E-Mail-Adresse <strong>{ $email }</strong> ist bestätigt.
verify-email-go-account = Zu Ihrem Konto
verify-email-sign-in-text = Dieser Link bestätigt <strong>{ $email }</strong> für ein Konto. Melden Sie sich bei diesem Konto an, um ihn zu bestätigen; wenn Sie ihn nicht angefordert haben, ignorieren Sie ihn.
verify-email-sign-in = Zum Bestätigen anmelden
verify-email-confirm-text = Bestätigen Sie, dass <strong>{ $email }</strong> die E-Mail-Adresse Ihres Kontos <strong>{ $username }</strong> ist.
verify-email-submit = E-Mail-Adresse bestätigen

## Authenticator app and backup codes (totp_enrol.html, backup_codes.html)

totp-title = Authenticator-App einrichten
totp-scan-heading = 1. Dieses Konto zu Ihrer App hinzufügen
totp-scan = Scannen Sie den QR-Code mit einer Authenticator-App (zum Beispiel Aegis, Google Authenticator, Microsoft Authenticator oder 1Password).
totp-type-key = Oder geben Sie diesen Schlüssel in die App ein (zeitbasiert, 6 Ziffern, alle 30 Sekunden):
totp-verify-heading = 2. Den Code aus der App eingeben
totp-code = Code
totp-verify = Bestätigen
totp-cancel = Abbrechen
backup-title = Ihre Backup-Codes
backup-keep = Bewahren Sie diese Codes sicher auf, etwa in einem Passwort-Manager oder auf Papier. Jeder funktioniert einmal anstelle eines Codes aus Ihrer Authenticator-App, falls Sie diese verlieren. Sie werden nur jetzt angezeigt.
backup-heading = Backup-Codes
backup-continue = Weiter

## Invites and recovery links (invite.html)

invite-title-recovery = Eine Anmeldemöglichkeit hinzufügen
invite-title-signup = Kontoerstellung abschließen
invite-title = Einladung annehmen
invite-recovery-text = Mit diesem Link kann <strong>{ $username }</strong> einen neuen Passkey hinzufügen.
invite-recovery-text-password = Mit diesem Link kann <strong>{ $username }</strong> einen neuen Passkey hinzufügen oder ein neues Passwort festlegen.
invite-welcome = Willkommen, { $username }
invite-signup-text = Schließen Sie die Erstellung Ihres Kontos <strong>{ $username }</strong> ab: Erstellen Sie einen Passkey oder legen Sie ein Passwort fest.
invite-signup-text-email = Schließen Sie die Erstellung Ihres Kontos <strong>{ $username }</strong> ({ $email }) ab: Erstellen Sie einen Passkey oder legen Sie ein Passwort fest.
invite-text = Sie wurden eingeladen, ein Konto mit dem Benutzernamen <strong>{ $username }</strong> zu erstellen.
invite-text-email = Sie wurden eingeladen, ein Konto mit dem Benutzernamen <strong>{ $username }</strong> ({ $email }) zu erstellen.
invite-admin = Sie werden Administratorin oder Administrator.
invite-expires = Dieser Link funktioniert einmal und läuft { $expires } ab.
invite-passkey-heading = Passkey
invite-passkey-text = Mit einem Passkey melden Sie sich über die Bildschirmsperre Ihres Geräts oder einen Sicherheitsschlüssel an, ohne Passwort.
invite-create-passkey = Passkey erstellen
invite-password-heading = Passwort
invite-new-password = Neues Passwort
invite-confirm-password = Passwort bestätigen
invite-set-password = Passwort festlegen

## Notices and refusals of the account page and of links (http::account, invite, signup, verify_email)

notice-profile-saved = Ihr Profil wurde gespeichert.
notice-password-saved = Ihr Passwort wurde gespeichert. Ihre anderen Sitzungen wurden abgemeldet.
notice-password-removed = Ihr Passwort wurde entfernt.
notice-passkey-renamed = Der Passkey wurde umbenannt.
notice-passkey-removed = Der Passkey wurde entfernt.
notice-passkey-added = Ihr neuer Passkey ist bereit.
notice-session-ended = Diese Sitzung wurde abgemeldet.
notice-app-revoked = Der Zugriff der Anwendung wurde widerrufen.
notice-verification-sent = Ein Bestätigungslink ist an Ihre E-Mail-Adresse unterwegs.
notice-totp-enrolled = Ihre Authenticator-App ist eingerichtet.
notice-backup-codes = Ihre neuen Backup-Codes sind bereit; die alten funktionieren nicht mehr.
notice-totp-removed = Ihre Authenticator-App und Ihre Backup-Codes wurden entfernt.
notice-recovery-cancelled = Die Wiederherstellung wurde abgebrochen: Ihr Link funktioniert nicht mehr.
password-mismatch = Die beiden Passwörter stimmen nicht überein.
totp-wrong-code = Dieser Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Geräts und geben Sie den Code ein, den die App jetzt anzeigt.
invite-invalid = Dieser Einladungslink ist ungültig. Prüfen Sie, ob Sie den ganzen Link kopiert haben, oder fordern Sie eine neue Einladung an.
invite-used = Diese Einladung wurde bereits verwendet. Melden Sie sich stattdessen an oder fordern Sie eine neue Einladung an.
invite-revoked = Diese Einladung wurde zurückgezogen. Bitten Sie Ihre Administration um eine neue.
invite-expired = Diese Einladung ist abgelaufen. Bitten Sie Ihre Administration um eine neue.
invite-not-yet = Zu Ihrer Sicherheit funktioniert dieser Wiederherstellungslink erst nach einer Wartezeit; die E-Mail, die ihn brachte, nennt den Zeitpunkt. Öffnen Sie ihn dann erneut. Wenn Sie ihn nicht angefordert haben, melden Sie sich an und brechen Sie die Wiederherstellung auf Ihrer Kontoseite ab.
invite-second-factor = Dieses Konto ist durch eine Authenticator-App geschützt, die ein per E-Mail gesendeter Link nicht ersetzen kann. Melden Sie sich mit Ihrem Passwort und Ihrer Authenticator-App oder einem Backup-Code an, oder bitten Sie Ihre Administration, Ihr Konto wiederherzustellen.
invite-role-holder = Dieses Konto verwaltet Latchkey, was ein per E-Mail gesendeter Link nicht übertragen kann. Bitten Sie eine andere Administratorin oder einen anderen Administrator, Ihr Konto wiederherzustellen, oder führen Sie latchkey user recover auf dem Server aus.
invite-username-taken = Der eingeladene Benutzername gehört jetzt jemand anderem. Bitten Sie Ihre Administration um eine neue Einladung.
invite-signup-taken = Jemand anderes hat diesen Benutzernamen nach Ihrer Anfrage belegt, daher wurde kein Konto erstellt. Registrieren Sie sich erneut mit einem anderen Benutzernamen.
invite-account-gone = Das Konto, für das diese Einladung war, existiert nicht mehr.
signup-already-confirmed = Diese Registrierungsanfrage wurde bereits bestätigt. Eine Administratorin oder ein Administrator wird sie prüfen; Sie erhalten eine E-Mail, wenn sie genehmigt wird.
signup-link-expired = Dieser Bestätigungslink ist abgelaufen. Registrieren Sie sich erneut, um einen neuen zu erhalten.
signup-link-invalid = Dieser Bestätigungslink ist ungültig. Prüfen Sie, ob Sie den ganzen Link kopiert haben, oder registrieren Sie sich erneut.
verify-link-used = Dieser Bestätigungslink wurde bereits verwendet. Wenn Ihre Adresse noch nicht bestätigt ist, fordern Sie auf Ihrer Kontoseite einen neuen Link an.
verify-link-expired = Dieser Bestätigungslink ist abgelaufen. Fordern Sie auf Ihrer Kontoseite einen neuen an.
verify-link-stale = Dieser Link wurde an eine Adresse gesendet, die nicht mehr die Ihres Kontos ist. Fordern Sie auf Ihrer Kontoseite einen neuen Link an.
verify-link-other-account = Dieser Bestätigungslink wurde für ein anderes Konto gesendet als das, mit dem Sie angemeldet sind. Wenn Sie ihn nicht angefordert haben, hat jemand Ihre Adresse in sein eigenes Konto eingetragen: Ignorieren Sie ihn.
verify-link-sign-in = Melden Sie sich bei dem Konto an, für das dieser Bestätigungslink gesendet wurde, und öffnen Sie den Link dann erneut. Wenn Sie ihn nicht angefordert haben, ignorieren Sie ihn.
verify-link-invalid = Dieser Bestätigungslink ist ungültig. Prüfen Sie, ob Sie den ganzen Link kopiert haben, oder fordern Sie auf Ihrer Kontoseite einen neuen an.
csrf-expired = Dieses Formular ist abgelaufen oder kam von einer anderen Website. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.

## Passkey messages (http::webauthn, shown by webauthn.js)

passkey-reauth = Bitte bestätigen Sie, dass Sie es sind: Melden Sie sich erneut an.
passkey-not-found = Nicht gefunden.
passkey-expired = Diese Passkey-Anfrage ist abgelaufen. Bitte versuchen Sie es erneut.
passkey-refused = Mit diesem Passkey ist hier keine Anmeldung möglich.
passkey-duplicate = Dieser Passkey ist bereits registriert.
passkey-other-site = Diese Anfrage kam von einer anderen Website.
passkey-session-ended = Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.
passkey-reauth-add = Bitte bestätigen Sie, dass Sie es sind: Melden Sie sich erneut an, um einen Passkey hinzuzufügen.
invite-invalid-short = Dieser Einladungslink ist ungültig.
invite-used-short = Diese Einladung wurde bereits verwendet.
invite-revoked-short = Diese Einladung wurde zurückgezogen.
invite-expired-short = Diese Einladung ist abgelaufen.
invite-second-factor-short = Dieses Konto ist durch eine Authenticator-App geschützt, die ein per E-Mail gesendeter Link nicht ersetzen kann: Bitten Sie Ihre Administration, Ihr Konto wiederherzustellen.
invite-role-holder-short = Dieses Konto verwaltet Latchkey, was ein per E-Mail gesendeter Link nicht übertragen kann: Bitten Sie eine andere Administratorin oder einen anderen Administrator, Ihr Konto wiederherzustellen.
invite-username-taken-short = Der eingeladene Benutzername gehört jetzt jemand anderem.

## Titles of refused links (http::invite, signup, verify_email)

invite-not-found-title = Einladung nicht gefunden
invite-used-title = Einladung bereits verwendet
invite-revoked-title = Einladung zurückgezogen
invite-expired-title = Einladung abgelaufen
invite-not-yet-title = Wiederherstellungslink noch nicht nutzbar
invite-second-factor-title = Wiederherstellung braucht Ihre Administration
invite-role-holder-title = Wiederherstellung braucht eine andere Administration
invite-username-taken-title = Benutzername vergeben
invite-account-exists-title = Konto existiert
invite-account-gone-title = Konto entfernt
link-already-confirmed-title = Bereits bestätigt
link-expired-title = Link abgelaufen
link-invalid-title = Link ungültig
link-used-title = Link bereits verwendet
link-address-changed-title = Adresse geändert
link-other-account-title = Link für ein anderes Konto
link-sign-in-first-title = Zuerst anmelden
invite-address-taken = Ein Konto mit dieser E-Mail-Adresse existiert bereits, daher wurde kein Konto erstellt. Melden Sie sich an oder drücken Sie auf der Anmeldeseite „Passkey verloren?“.

## Account page (account.html)

account-title = Ihr Konto
nav-main = Hauptmenü
nav-administration = Verwaltung
nav-account = Konto
account-signed-in-as = Angemeldet als <strong>{ $username }</strong>.
account-recovery-heading = Kontowiederherstellung angefordert
account-recovery-asked = Am { $requested } hat jemand auf der Anmeldeseite einen Link zur Wiederherstellung dieses Kontos angefordert, und er wurde an Ihre E-Mail-Adresse gesendet.
account-recovery-from = Er funktioniert ab { $start } und läuft am { $expires } ab. Seine Verwendung meldet dieses Konto überall ab.
account-recovery-now = Er funktioniert jetzt und läuft am { $expires } ab. Seine Verwendung meldet dieses Konto überall ab.
account-recovery-not-you = Wenn Sie das nicht waren, brechen Sie sie ab, und erwägen Sie, das Passwort Ihres E-Mail-Kontos zu ändern.
account-recovery-cancel = Wiederherstellung abbrechen
account-passkeys = Passkeys
account-col-name = Name
account-col-created = Erstellt
account-col-last-used = Zuletzt verwendet
account-col-actions = Aktionen
account-never = nie
account-rename-label = Neuer Name für { $name }
account-rename-aria = { $name } umbenennen
account-rename = Umbenennen
account-remove = Entfernen
account-no-passkeys = Sie haben noch keine Passkeys.
account-add-passkey = Passkey hinzufügen
account-password = Passwort
account-current-password = Aktuelles Passwort
account-new-password = Neues Passwort
account-confirm-password = Passwort bestätigen
account-change-password = Passwort ändern
account-set-password = Passwort festlegen
account-remove-password = Passwort entfernen
account-totp = Authenticator-App
account-totp-on = Eine Authenticator-App ist eingerichtet. Verbleibende Backup-Codes: <strong>{ $left }</strong>.
account-totp-off = Es ist keine Authenticator-App eingerichtet. Mit einer verlangt die Anmeldung mit Ihrem Passwort zusätzlich einen Code von Ihrem Telefon.
account-totp-set-up = Authenticator-App einrichten
account-totp-replace = Das Einrichten einer anderen App ersetzt diese, sobald Sie einen Code daraus bestätigen.
account-regenerate-codes = Backup-Codes neu erzeugen
account-remove-totp = Authenticator-App entfernen
account-sessions = Aktive Sitzungen
account-unknown-browser = Unbekannter Browser
account-session-from = von { $ip }
account-session-times = angemeldet { $created }, zuletzt gesehen { $seen }
account-this-browser = (dieser Browser)
account-sign-out = Abmelden
account-apps = Verbundene Apps
account-col-application = Anwendung
account-col-access = Zugriff
account-sign-in-only = nur Anmeldung
account-revoke = Widerrufen
account-no-apps = Keine Anwendung hat Zugriff auf Ihr Konto.
account-everywhere-text = Beendet alle Sitzungen Ihres Kontos, auch diese, und lässt jede Anwendung Sie erneut zur Anmeldung auffordern.
account-sign-out-everywhere = Überall abmelden
account-profile = Profil
account-full-name = Vollständiger Name
account-given-name = Vorname
account-family-name = Nachname
account-nickname = Spitzname
account-email = E-Mail
account-verified = bestätigt
account-not-verified = nicht bestätigt
account-verify-email = E-Mail-Adresse bestätigen
account-phone = Telefon
account-picture = Bild-URL
account-locale = Sprache
account-save-profile = Profil speichern

## Administration navigation (admin_layout.html); the management pages follow at the end

admin-nav = Verwaltung
admin-nav-users = Benutzer
admin-nav-groups = Gruppen
admin-nav-clients = Clients
admin-nav-invites = Einladungen
admin-nav-signups = Registrierungsanfragen
admin-nav-registration-tokens = Registrierungstoken
admin-nav-keys = Schlüssel
admin-nav-audit = Prüfprotokoll
admin-nav-api-keys = API-Schlüssel
admin-nav-account = Konto

## Passkey messages of webauthn.js (data-msg-* on the passkey buttons)

passkey-js-cancelled = Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen.
passkey-js-failed = Der Passkey konnte nicht verwendet werden.
passkey-js-unsupported = Dieser Browser kann keine Passkeys verwenden.

## Password rules (auth::password::PolicyError, shown on the account and invite pages)

password-common = Dieses Passwort ist zu verbreitet: Es steht in Listen geleakter Passwörter. Wählen Sie ein anderes, etwa ein paar zusammenhanglose Wörter.
password-too-short = Das Passwort muss mindestens 8 Zeichen lang sein.
password-too-long = Das Passwort darf höchstens 128 Zeichen lang sein.
password-is-username = Das Passwort darf nicht Ihr Benutzername sein.
## Branding: the header and footer of every page, client logos
header-sign-out = Abmelden
footer-help = Hilfe: { $contact }
client-logo-alt = Logo von { $client }

# Recovery codes (/account, /recover)
recover-code-heading = Haben Sie einen Wiederherstellungscode?
recover-code-intro = Wenn Sie auf Ihrer Kontoseite Wiederherstellungscodes erstellt haben, können Sie mit einem davon und Ihrem Benutzernamen sofort einen neuen Passkey hinzufügen oder ein neues Passwort festlegen.
recover-code-label = Wiederherstellungscode
recover-code-use = Wiederherstellungscode verwenden
recover-code-no-match = Benutzername und Wiederherstellungscode passen nicht zusammen. Jeder Code funktioniert nur einmal; prüfen Sie Ihre Eingabe oder verwenden Sie einen anderen Code.
account-recovery-codes-heading = Wiederherstellungscodes
account-recovery-codes-left = Verbleibende Wiederherstellungscodes: <strong>{ $left }</strong>. Mit jedem davon und Ihrem Benutzernamen kommen Sie auf der Seite <a href="/recover">Passkey verloren?</a> wieder in Ihr Konto, wenn Sie alle Passkeys und Ihr Passwort verlieren.
account-recovery-codes-none = Keine Wiederherstellungscodes. Mit Wiederherstellungscodes kommen Sie auf der Seite <a href="/recover">Passkey verloren?</a> wieder in Ihr Konto, wenn Sie alle Passkeys und Ihr Passwort verlieren, ohne auf einen E-Mail-Link oder eine Administratorin zu warten.
account-recovery-codes-create = Wiederherstellungscodes erstellen
account-recovery-codes-remove = Wiederherstellungscodes entfernen
notice-recovery-codes = Ihre neuen Wiederherstellungscodes sind bereit; die alten funktionieren nicht mehr.
notice-recovery-codes-removed = Ihre Wiederherstellungscodes wurden entfernt.
error-no-recovery-codes = Es gibt keine Wiederherstellungscodes zum Entfernen.
recovery-codes-title = Ihre Wiederherstellungscodes
recovery-codes-keep = Bewahren Sie diese Codes sicher und getrennt von Ihren Geräten auf, etwa in einem Passwortmanager oder auf Papier. Wenn Sie alle Passkeys und Ihr Passwort verlieren, bringt Sie einer davon mit Ihrem Benutzernamen auf der Seite „Passkey verloren?“ zurück in Ihr Konto. Jeder funktioniert einmal. Ältere Wiederherstellungscodes funktionieren nicht mehr. Sie werden nur jetzt angezeigt.
recovery-codes-heading = Wiederherstellungscodes
mail-change-recovery-codes-created = Für Ihr Konto { $username } bei { $site } wurden neue Wiederherstellungscodes erstellt{ $detail }.
mail-change-recovery-code-used = Mit einem Wiederherstellungscode wurde begonnen, Ihr Konto { $username } bei { $site } wiederherzustellen{ $detail }.

## Management pages (admin_*.html): shared words

admin-pages = Seiten
admin-previous-page = Vorherige Seite
admin-next-page = Nächste Seite
admin-col-status = Status
admin-col-state = Zustand
admin-col-actions = Aktionen
admin-col-created = Erstellt
admin-col-expires = Läuft ab
admin-col-last-used = Zuletzt verwendet
admin-never = nie
admin-revoke = Widerrufen
admin-remove = Entfernen
admin-field-username = Benutzername
admin-field-name = Name
admin-field-full-name = Vollständiger Name
admin-field-email = E-Mail
admin-field-groups = Gruppen
admin-field-groups-list = Gruppen (durch Kommas getrennt)
admin-field-role = Rolle
admin-field-administrator = Administrator
admin-field-description = Beschreibung
admin-field-attributes = Attribute
admin-field-require-mfa = Zweiten Faktor verlangen
admin-save-attributes = Attribute speichern
admin-role-none = Keine
admin-role-owner = Eigentümer
admin-role-admin = Administrator
admin-role-user-manager = Benutzerverwalter
admin-role-client-manager = Client-Verwalter
admin-role-auditor = Prüfer

## Users (admin_users.html)

admin-users-title = Benutzer
admin-users-search-label = Benutzer suchen
admin-users-search = Suchen
admin-users-total = { $count ->
    [one] { $count } Benutzer.
   *[other] { $count } Benutzer.
}
admin-users-total-matching = { $count ->
    [one] { $count } Benutzer passt zu „{ $query }“.
   *[other] { $count } Benutzer passen zu „{ $query }“.
}
admin-user-active = aktiv
admin-user-disabled = deaktiviert
admin-users-create-heading = Benutzer anlegen
admin-users-create-hint = Meist ist es besser, <a href="/admin/invites">eine Einladung zu senden</a>, damit die Personen ihren Passkey oder ihr Passwort selbst wählen.
admin-users-initial-password = Anfangspasswort (optional)
admin-users-create = Benutzer anlegen

## A user (admin_user.html)

admin-user-id = Benutzer-ID <code>{ $id }</code>
admin-user-created = erstellt am { $date }
admin-user-passkey-count = { $count ->
    [one] { $count } Passkey
   *[other] { $count } Passkeys
}
admin-user-has-password = hat ein Passwort
admin-user-no-password = kein Passwort
admin-user-recovery-link = Wiederherstellungslink
admin-user-recovery-emailed = Der Link wurde per E-Mail an { $email } gesendet. Er funktioniert einmal, bis { $expires }; er wird auch hier nur jetzt angezeigt.
admin-user-recovery-send = Senden Sie diesen Link an { $username }; er wird nur jetzt angezeigt und funktioniert einmal, bis { $expires }.
admin-user-profile = Profil
admin-user-given-name = Vorname
admin-user-family-name = Nachname
admin-user-nickname = Spitzname
admin-user-email-verified = E-Mail-Adresse bestätigt
admin-user-phone = Telefon
admin-user-phone-verified = Telefonnummer bestätigt
admin-user-picture = Bild-URL
admin-user-locale = Sprache
admin-user-save-profile = Profil speichern
admin-user-groups-label = Gruppen (durch Kommas getrennt; Gruppen verleihen keine Verwaltungsrechte, das tun nur Rollen)
admin-user-save-groups = Gruppen speichern
admin-user-save-role = Rolle speichern
admin-user-attributes-label = Attribute (ein JSON-Objekt; sie haben Vorrang vor den Attributen der Gruppen des Benutzers und erreichen Clients, deren Claim-Zuordnung sie freigibt)
admin-user-sessions = Sitzungen
admin-user-col-signed-in = Angemeldet
admin-user-col-last-seen = Zuletzt gesehen
admin-user-col-address = Adresse
admin-user-col-browser = Browser
admin-user-col-methods = Methoden
admin-user-end-session-aria = Sitzung beenden (angemeldet am { $created } von { $ip })
admin-user-end-session-aria-unknown = Sitzung beenden (angemeldet am { $created } von einer unbekannten Adresse)
admin-user-end-session = Sitzung beenden
admin-user-end-all-sessions = Alle Sitzungen beenden
admin-user-end-all-hint = Beendet jede Sitzung und widerruft auch die Token, die die Anwendungen des Benutzers besitzen. <strong>Sitzung beenden</strong> meldet nur einen Browser ab.
admin-user-no-sessions = Keine aktiven Sitzungen.
admin-user-passkeys = Passkeys
admin-user-remove-passkey-aria = Passkey { $name } entfernen
admin-user-last-method = <strong>Achtung:</strong> Dies ist die einzige Möglichkeit dieses Benutzers, sich anzumelden. Nach dem Entfernen kann er sich erst wieder anmelden, wenn er einen Wiederherstellungslink verwendet.
admin-user-no-passkeys = Keine Passkeys.
admin-user-second-factor = Zweiter Faktor
admin-user-totp-on = { $count ->
    [one] Authenticator-App eingerichtet; { $count } Backup-Code übrig.
   *[other] Authenticator-App eingerichtet; { $count } Backup-Codes übrig.
}
admin-user-totp-off = { $count ->
    [one] Keine Authenticator-App; { $count } Backup-Code übrig.
   *[other] Keine Authenticator-App; { $count } Backup-Codes übrig.
}
admin-user-second-factor-none = Nichts eingerichtet.
admin-user-reset-confirm = Ja, die Authenticator-App, die Backup-Codes und die Wiederherstellungscodes dieses Benutzers entfernen
admin-user-reset-second-factor = Zweiten Faktor zurücksetzen
admin-user-access = Zugang
admin-user-email-link = Den Link per E-Mail an { $email } senden
admin-user-send-recovery = Wiederherstellungslink senden
admin-user-disable = Deaktivieren
admin-user-enable = Aktivieren
admin-user-delete = Benutzer löschen
admin-user-audit-events = Protokolleinträge zu diesem Benutzer

## Clients (admin_clients.html)

admin-clients-title = Clients
admin-clients-col-type = Typ
admin-clients-col-redirect-uris = Weiterleitungs-URIs
admin-clients-may-administer = darf Latchkey verwalten
admin-clients-resource-server = Ressourcenserver
admin-clients-registered-on = Am { $date } dynamisch registriert
admin-clients-register-heading = Client registrieren
admin-clients-public-label = Öffentlicher Client (SPA oder native App: kein Geheimnis, PKCE)
admin-clients-skip-consent-label = Zustimmung überspringen (eigene Anwendung)
admin-clients-register = Client registrieren

## A client (admin_client.html)

admin-client-id-label = Client-ID
admin-client-id-code = Client-ID <code>{ $id }</code>
admin-client-public = öffentlich
admin-client-confidential = vertraulich
admin-client-public-fixed = öffentlich (fest: registrieren Sie einen neuen Client, um das zu ändern)
admin-client-confidential-fixed = vertraulich (fest: registrieren Sie einen neuen Client, um das zu ändern)
admin-client-grants = Grants { $grants }
admin-client-registered = Am { $date } dynamisch registriert: Der Client hat sich selbst unter <code>/register</code> registriert und verwaltet seine Registrierung mit seinem Registrierungs-Zugriffstoken.
admin-client-admin-scope = <strong>Darf Latchkey verwalten:</strong> Diesem Client ist der Scope <code>latchkey:admin</code> erlaubt (die Admin-API). Benutzer werden immer um Zustimmung gebeten, bevor er ihn erhält.
admin-client-resource-server-note = Ressourcenserver: darf Token prüfen, die an andere Clients ausgegeben wurden.
admin-client-secret = Client-Geheimnis
admin-client-secret-once = Kopieren Sie es jetzt: Es wird nur einmal angezeigt.
admin-client-settings = Einstellungen
admin-client-redirect-uris-label = Weiterleitungs-URIs (eine pro Zeile)
admin-client-post-logout-uris-label = Weiterleitungs-URIs nach der Abmeldung (eine pro Zeile)
admin-client-skip-consent = Zustimmung überspringen
admin-client-resource-server-label = Ressourcenserver (darf Token prüfen, die an andere Clients ausgegeben wurden)
admin-client-client-credentials = Client-Credentials-Grant erlauben
admin-client-device-grant = Device-Authorization-Grant erlauben (Geräte ohne Browser, RFC 8628)
admin-client-refresh-tokens = Darf Refresh-Token erhalten (offline_access; braucht eine Weiterleitungs-URI)
admin-client-require-par = Pushed Authorization Requests verlangen (PAR, RFC 9126)
admin-client-require-dpop = DPoP-gebundene Token verlangen (RFC 9449)
admin-client-scopes-label = Zusätzliche Scopes, die er anfordern darf (durch Leerzeichen getrennt; latchkey:admin erlaubt die Admin-API)
admin-client-id-token-alg = Signaturalgorithmus des ID-Tokens
admin-client-origins-label = Erlaubte Browser-Origins (CORS; eine pro Zeile, etwa https://app.example)
admin-client-origins-label-derived = Erlaubte Browser-Origins (CORS; eine pro Zeile, etwa https://app.example; die Weiterleitungs-URIs erlauben bereits { $origins })
admin-client-backchannel-uri-label = Back-Channel-Logout-URL (erhält ein Logout-Token, wenn die Sitzung eines Benutzers endet; https, oder http auf localhost)
admin-client-backchannel-sid = Seine Logout-Token müssen die Sitzungs-ID (sid) enthalten
admin-client-branding-legend = Erscheinungsbild (https-URLs; die Anmelde- und Zustimmungsseiten verlinken Startseite, Datenschutzerklärung und Nutzungsbedingungen)
admin-client-logo-uri-label = Logo-URL (gespeichert und an Werkzeuge zurückgegeben, nie geladen: laden Sie das Logo unten hoch)
admin-client-homepage-label = URL der Startseite
admin-client-policy-label = URL der Datenschutzerklärung
admin-client-tos-label = URL der Nutzungsbedingungen
admin-client-save = Client speichern
admin-client-logo = Logo
admin-client-logo-shown = Wird auf den Anmelde- und Zustimmungsseiten angezeigt.
admin-client-no-logo = Kein Logo: Die Anmelde- und Zustimmungsseiten zeigen nur den Namen.
admin-client-logo-file = Logodatei (PNG, JPEG, WebP oder SVG ohne Skripte; höchstens { $kib } KiB)
admin-client-upload-logo = Logo hochladen
admin-client-remove-logo = Logo entfernen
admin-client-claims = Claims
admin-client-claim-mapping-label = Claim-Zuordnung (JSON; <code>{"{}"}</code> ergibt die Standard-Claims)
admin-client-save-claim-mapping = Claim-Zuordnung speichern
admin-client-who-may-sign-in = Wer sich anmelden darf
admin-client-only-members = Nur Mitglieder von { $groups }.
admin-client-every-active-user = Jeder aktive Benutzer.
admin-client-allowed-groups-label = Erlaubte Gruppen (durch Kommas getrennt; leer: alle)
admin-client-save-allowed-groups = Erlaubte Gruppen speichern
admin-client-keys = Schlüssel (private_key_jwt)
admin-client-authenticates-with = Authentifiziert sich mit <code>{ $method }</code>.
admin-client-key-ids = Schlüssel:
admin-client-jwks-label-replace = JWK Set (nur öffentliche Schlüssel; ersetzt die aktuellen Schlüssel sofort)
admin-client-jwks-label-first = JWK Set (nur öffentliche Schlüssel; der Client authentifiziert sich dann mit diesen Schlüsseln und sein Geheimnis funktioniert nicht mehr)
admin-client-replace-keys = Schlüssel ersetzen
admin-client-backchannel = Back-Channel-Logout
admin-client-no-backchannel = Keine Back-Channel-Logout-URL: Der Client erfährt nicht, wenn Sitzungen enden.
admin-client-col-session-ended = Sitzung beendet
admin-client-col-attempts = Versuche
admin-client-col-last-error = Letzter Fehler
admin-client-col-finished = Abgeschlossen oder nächster Versuch
admin-client-next-attempt = nächster { $date }
admin-delivery-pending = ausstehend
admin-delivery-delivered = zugestellt
admin-delivery-failed = fehlgeschlagen
admin-client-no-deliveries = Noch keine Logout-Token gesendet.
admin-client-credentials = Zugangsdaten
admin-client-rotate-secret = Geheimnis erneuern
admin-client-delete = Client löschen

## Connect an application (admin_client_connect.html, http::admin::connect)

admin-connect-heading = Eine Anwendung verbinden
admin-connect-intro = Die meisten Anwendungen brauchen nur die Discovery-URL, die Client-ID und das Client-Geheimnis:
admin-connect-intro-public = Die meisten Anwendungen brauchen nur die Discovery-URL und die Client-ID:
admin-connect-discovery = Discovery-URL
admin-connect-issuer = Aussteller (Issuer)
admin-connect-secret-none = keines (öffentlicher Client: PKCE mit S256)
admin-connect-secret-above = oben angezeigt
admin-connect-secret-placeholder = wird einmal angezeigt, wenn der Client angelegt oder sein Geheimnis erneuert wird; <code>&lt;client_secret&gt;</code> steht unten dafür
admin-connect-auth = Client-Authentifizierung
admin-connect-authorization = Autorisierungs-Endpunkt
admin-connect-token = Token-Endpunkt
admin-connect-userinfo = UserInfo-Endpunkt
admin-connect-end-session = Sitzungsende (Abmeldung)
admin-connect-none-registered = keine registriert
admin-connect-scopes = Scopes
admin-connect-and = und
admin-connect-more = Mehr im Integrationsleitfaden (docs/integration.md im Latchkey-Repository).
admin-connect-app-spa = Single-Page-App (oidc-client-ts)
admin-connect-place-shell = Shell
admin-connect-place-nextcloud = Shell, im Nextcloud-Ordner

## Groups (admin_groups.html, admin_group.html)

admin-groups-title = Gruppen
admin-groups-total = { $count ->
    [one] { $count } Gruppe. Mitglieder treten einer Gruppe über ihre Benutzerseite bei; ein Client kann auf Gruppen beschränkt werden.
   *[other] { $count } Gruppen. Mitglieder treten einer Gruppe über ihre Benutzerseite bei; ein Client kann auf Gruppen beschränkt werden.
}
admin-groups-col-members = Mitglieder
admin-groups-create-heading = Gruppe anlegen
admin-groups-create = Gruppe anlegen
admin-group-member-count = { $count ->
    [one] { $count } Mitglied
   *[other] { $count } Mitglieder
}
admin-group-no-members = Keine Mitglieder. Fügen Sie Personen über ihre Benutzerseite hinzu.
admin-group-save-description = Beschreibung speichern
admin-group-policy = Anmelderichtlinie
admin-group-policy-hint = Mitglieder bestätigen dann jede Anmeldung mit einer Authenticator-App oder einem Backup-Code oder melden sich mit einem Passkey an; Mitglieder ohne zweiten Faktor richten direkt nach ihrem Passwort einen ein.
admin-group-save-policy = Richtlinie speichern
admin-group-attributes-label = Attribute (ein JSON-Objekt; Mitglieder erhalten sie, sofern sie nicht selbst dieselben Namen setzen, und unter mehreren Gruppen gewinnt die, deren Name zuerst einsortiert wird)
admin-group-rename = Umbenennen
admin-group-new-name = Neuer Name
admin-group-rename-submit = Gruppe umbenennen
admin-group-delete-heading = Löschen
admin-group-delete-confirm = { $count ->
    [one] Ja, diese Gruppe und ihre { $count } Mitgliedschaft löschen
   *[other] Ja, diese Gruppe und ihre { $count } Mitgliedschaften löschen
}
admin-group-delete = Gruppe löschen

## Invites (admin_invites.html)

admin-invites-title = Einladungen
admin-invites-link = Einladungslink
admin-invites-emailed = Die Einladung wurde per E-Mail an { $email } gesendet. Sie funktioniert einmal, bis { $expires }; der Link wird auch hier nur jetzt angezeigt.
admin-invites-send = Senden Sie diesen Link an { $username }; er wird nur jetzt angezeigt und funktioniert einmal, bis { $expires }.
admin-invites-col-kind = Art
admin-invites-kind-recovery = Wiederherstellung
admin-invites-kind-administrator = Administrator
admin-invites-kind-new-account = neues Konto
admin-invite-status-pending = offen
admin-invite-status-used = verwendet
admin-invite-status-revoked = widerrufen
admin-invite-status-expired = abgelaufen
admin-invites-revoke-aria = Einladung für { $username } widerrufen
admin-invites-create-heading = Jemanden einladen
admin-invites-valid-hours = Gültig für (Stunden)
admin-invites-send-email = Per E-Mail senden (an die Adresse oben)
admin-invites-create = Einladung erstellen

## Signing keys (admin_keys.html)

admin-keys-title = Signaturschlüssel
admin-keys-intro = Token werden mit dem neuesten Schlüssel ihres Algorithmus signiert. Ein erneuerter Schlüssel bleibt in <code>/jwks</code> veröffentlicht, bis jedes damit signierte Token abgelaufen ist; dann wird er gelöscht.
admin-keys-col-kid = Schlüssel-ID
admin-keys-col-alg = Algorithmus
admin-keys-col-retired = Außer Dienst
admin-keys-signing = signiert jetzt
admin-keys-published = veröffentlicht (prüft ältere Token)
admin-keys-unpublished = nicht mehr veröffentlicht
admin-keys-rotate-heading = Erneuern
admin-keys-rotate-intro = Ein neuer Schlüssel übernimmt das Signieren sofort; vertrauende Parteien, die <code>/jwks</code> zwischenspeichern, holen ihn, sobald sie seiner Schlüssel-ID begegnen.
admin-keys-rotate = { $alg }-Schlüssel erneuern

## Audit log (admin_audit.html)

admin-audit-title = Prüfprotokoll
admin-audit-user-id = Benutzer-ID
admin-audit-event = Ereignis
admin-audit-from = Von
admin-audit-to = Bis
admin-audit-filter = Filtern
admin-audit-total = { $count ->
    [one] { $count } Ereignis. Zeiten in UTC; „Bis“ schließt den ganzen Tag ein.
   *[other] { $count } Ereignisse. Zeiten in UTC; „Bis“ schließt den ganzen Tag ein.
}
admin-audit-col-when = Wann
admin-audit-col-actor = Akteur
admin-audit-col-subject = Betroffen
admin-audit-col-client = Client
admin-audit-col-ip = Von
admin-audit-col-details = Details

## API keys (admin_api_keys.html)

admin-api-keys-title = API-Schlüssel
admin-api-keys-intro = Mit einem API-Schlüssel kann ein Skript die Admin-API (<code>/api/admin/v1</code>) als <code>Authorization: Bearer lk_…</code> aufrufen, mit der Rolle des Schlüssels. Ein Schlüssel hat nie mehr Rechte als die Person, die ihn erstellt hat.
admin-api-keys-new = Neuer API-Schlüssel
admin-api-keys-created = Der API-Schlüssel „{ $name }“ ({ $role }) funktioniert bis { $expires }. Kopieren Sie ihn jetzt: Er wird nicht noch einmal angezeigt.
admin-api-keys-key = API-Schlüssel
admin-api-keys-col-created-by = Erstellt von
admin-api-key-state-active = aktiv
admin-api-key-state-expired = abgelaufen
admin-api-key-state-revoked = widerrufen
admin-api-keys-revoke-aria = API-Schlüssel { $name } widerrufen
admin-api-keys-create-heading = API-Schlüssel erstellen
admin-api-keys-lifetime = Gültigkeit (Tage)
admin-api-keys-create = API-Schlüssel erstellen

## Registration tokens (admin_registration_tokens.html)

admin-tokens-title = Registrierungstoken
admin-tokens-intro = Mit Initial-Access-Token können sich vertrauende Parteien selbst unter <code>{ $endpoint }</code> registrieren (dynamische Client-Registrierung).
admin-tokens-mode-token = Die Registrierung braucht eines dieser Token.
admin-tokens-mode-open = Die Registrierung steht allen offen: Diese Token werden nicht gebraucht.
admin-tokens-mode-off = Die Registrierung ist aus (<code>LATCHKEY_REGISTRATION=off</code>): Diese Token bewirken nichts, bis sie auf <code>token</code> gesetzt wird.
admin-tokens-new = Neues Token
admin-tokens-created = { $uses ->
    [one] Geben Sie dieses Token der Person, die den Client von „{ $name }“ registriert; es wird nur jetzt angezeigt. Es registriert bis zu { $uses } Client, bis { $expires }.
   *[other] Geben Sie dieses Token der Person, die die Clients von „{ $name }“ registriert; es wird nur jetzt angezeigt. Es registriert bis zu { $uses } Clients, bis { $expires }.
}
admin-tokens-col-uses-left = Verbleibende Verwendungen
admin-tokens-col-issued-by = Ausgestellt von
admin-token-status-active = aktiv
admin-token-status-expired = abgelaufen
admin-token-status-used_up = aufgebraucht
admin-token-status-revoked = widerrufen
admin-tokens-revoke-aria = Token { $name } widerrufen
admin-tokens-issue-heading = Token ausstellen
admin-tokens-valid-days = Gültig für (Tage)
admin-tokens-uses = Verwendungen
admin-tokens-issue = Token ausstellen

## Sign-up requests (admin_signups.html)

admin-signups-title = Registrierungsanfragen
admin-signups-intro = Personen, die unter <code>/signup</code> ein Konto angefragt und ihre E-Mail-Adresse bestätigt haben.
admin-signups-mode-approval = <strong>Genehmigen</strong> schickt ihnen einen Link, der das Konto mit einem Passkey oder einem Passwort anlegt (er funktioniert einmal, 24 Stunden lang); <strong>Ablehnen</strong> löscht die Anfrage und verschickt nichts. Anfragen, über die nicht innerhalb von 30 Tagen nach der Bestätigung entschieden wird, verfallen.
admin-signups-mode-domain = Die Selbstregistrierung steht den konfigurierten E-Mail-Domains offen (<code>LATCHKEY_SIGNUP=email-domain</code>): Niemand wartet auf eine Genehmigung.
admin-signups-mode-off = Die Selbstregistrierung ist aus (<code>LATCHKEY_SIGNUP=off</code>).
admin-signups-col-asked = Angefragt
admin-signups-col-ip = Von
admin-signups-approve = Genehmigen
admin-signups-approve-aria = { $username } genehmigen
admin-signups-reject = Ablehnen
admin-signups-reject-aria = { $username } ablehnen
admin-signups-none = Keine Registrierungsanfrage wartet.

## Notices and refusals of the management pages (http::admin)

admin-notice-created = Angelegt.
admin-notice-saved = Gespeichert.
admin-notice-logo-saved = Das Logo ist gespeichert; die Anmelde- und Zustimmungsseiten zeigen es.
admin-notice-logo-removed = Das Logo ist entfernt.
admin-notice-keys-replaced = Die Schlüssel sind ersetzt; mit den vorherigen signierte Assertions werden abgelehnt.
admin-notice-disabled = Der Benutzer ist deaktiviert und überall abgemeldet.
admin-notice-enabled = Der Benutzer ist aktiviert.
admin-notice-deleted = Gelöscht.
admin-notice-revoked = Die Einladung wurde widerrufen.
admin-notice-session-ended = Die Sitzung ist beendet; dieser Browser ist abgemeldet.
admin-notice-sessions-ended = Alle Sitzungen sind beendet, und die Token des Benutzers sind widerrufen.
admin-notice-passkey-removed = Der Passkey wurde entfernt.
admin-notice-second-factor-reset = Der zweite Faktor wurde zurückgesetzt: Die Authenticator-App, die Backup-Codes und die Wiederherstellungscodes des Benutzers sind entfernt.
admin-notice-passkey-removed-last = Der Passkey wurde entfernt. Er war die letzte Anmeldemöglichkeit des Benutzers: Senden Sie ihm einen Wiederherstellungslink.
admin-notice-client-registered = Der Client ist registriert.
admin-notice-secret-rotated = Ein neues Geheimnis gilt; das alte funktioniert nicht mehr.
admin-notice-key-rotated = Ab jetzt signiert ein neuer Schlüssel; der vorherige bleibt veröffentlicht, bis seine Token ablaufen.
admin-notice-token-revoked = Das Token wurde widerrufen; damit registrierte Clients bleiben bestehen.
admin-notice-api-key-revoked = Der API-Schlüssel wurde widerrufen; er wird ab jetzt abgelehnt.
admin-notice-signup-approved = Genehmigt: Der Link zum Anlegen des Kontos ist verschickt; er funktioniert 24 Stunden lang.
admin-notice-signup-rejected = Abgelehnt: Die Anfrage ist gelöscht, und es wurde nichts verschickt.
admin-error-not-administrator = Nur Administratoren können die Verwaltungsseiten öffnen.
admin-error-role-forbids = Ihre Rolle ({ $role }) erlaubt das nicht.
admin-error-confirm-reset = Setzen Sie das Bestätigungshäkchen, um den zweiten Faktor zurückzusetzen.
admin-error-confirm-delete-group = Setzen Sie das Bestätigungshäkchen, um die Gruppe und ihre Mitgliedschaften zu löschen.
admin-error-link-withdrawn = { $reason }. Der Link wurde zurückgezogen; versuchen Sie es erneut.
admin-error-invite-withdrawn = { $reason }. Die Einladung wurde zurückgezogen; versuchen Sie es erneut.
admin-error-hours = Die Gültigkeit muss eine ganze Zahl von Stunden sein.
admin-error-token-numbers = Geben Sie die Zahl der Tage (1 bis 365) und der Verwendungen als ganze Zahlen an.
admin-error-lifetime = Geben Sie die Gültigkeit als ganze Zahl von Tagen an (1 bis 730).
admin-error-refused = Abgelehnt: { $reason }.
admin-error-attributes-too-large = Die Attribute sind zu groß.
admin-error-attributes-not-json = Die Attribute sind kein gültiges JSON: { $error }
admin-error-claim-mapping-too-large = Die Claim-Zuordnung ist zu groß.
admin-error-claim-mapping-not-json = Die Claim-Zuordnung ist kein gültiges JSON: { $error }
admin-user-recovery-codes = Wiederherstellungscodes
admin-user-recovery-codes-left = { $count ->
    [one] { $count } Wiederherstellungscode übrig.
   *[other] { $count } Wiederherstellungscodes übrig.
}
admin-user-remove-recovery-codes = Wiederherstellungscodes entfernen
admin-user-no-recovery-codes = Keine Wiederherstellungscodes.
admin-notice-recovery-codes-removed = Die Wiederherstellungscodes des Benutzers wurden entfernt; die Links, die sie ergeben haben, funktionieren nicht mehr.
