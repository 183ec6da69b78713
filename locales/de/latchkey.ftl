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

## Administration navigation (admin_layout.html); the admin pages themselves are English

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
