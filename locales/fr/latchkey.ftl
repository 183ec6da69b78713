# Latchkey: Français.
# Message ids are shared by every language; see docs/languages.md.

## Sign-in page (login.html)

login-title = Se connecter
login-continue-to = pour continuer vers <strong>{ $client }</strong>
login-reauth = Veuillez confirmer votre identité : reconnectez-vous pour effectuer cette modification.
login-username = Nom d’utilisateur
login-password = Mot de passe
login-sign-in = Se connecter
login-or = ou
login-passkey = Se connecter avec une clé d’accès
login-passkey-needs-js = La connexion avec une clé d’accès nécessite JavaScript.
login-lost-passkey = Clé d’accès perdue ?
login-create-account = Créer un compte
login-missing-fields = Saisissez votre nom d’utilisateur et votre mot de passe.
login-failed = Nom d’utilisateur ou mot de passe incorrect. Après plusieurs tentatives échouées, un compte est bloqué pendant un moment.
login-form-unreadable = Le formulaire de connexion n’a pas pu être lu.

## Error pages (error.html and the errors of every page)

error-bad-request = Requête invalide
error-forbidden = Accès interdit
error-not-found = Introuvable
error-not-found-message = Il n’y a rien ici.
error-page-not-found = Page introuvable
error-page-not-found-message = Il n’y a aucune page à cette adresse. Le lien est peut-être mal saisi ou périmé.
error-link-account = Aller à votre compte
error-link-sign-in = Se connecter
error-conflict = Conflit
error-conflict-taken = Cette valeur ({ $what }) est déjà prise.
error-too-many-requests = Trop de requêtes
error-too-many-requests-message = Trop de tentatives. Veuillez patienter un instant et réessayer.
error-busy = Occupé
error-busy-message = Le serveur est occupé à vérifier des mots de passe. Veuillez réessayer dans quelques secondes.
error-internal = Un problème est survenu
error-internal-message = Le serveur n’a pas pu traiter la requête. Veuillez réessayer.

## Second step at sign-in (second_factor.html)

step-title = Deuxième étape
step-up-title = Confirmer avec un second facteur
step-sign-in-again = Se reconnecter
step-up-intro = { $client } demande un second facteur. Saisissez le code affiché par votre application d’authentification, ou l’un de vos codes de secours.
step-intro = Saisissez le code affiché par votre application d’authentification, ou l’un de vos codes de secours.
step-code = Code
step-verify = Vérifier
step-passkey-instead = Se connecter plutôt avec une clé d’accès

## Consent (consent.html)

consent-title = Autoriser { $client } ?
consent-heading = <strong>{ $client }</strong> souhaite accéder à votre compte
consent-signed-in-as = Connecté en tant que { $username }.
consent-registered = Cette application s’est enregistrée elle-même : son nom n’a pas été vérifié par votre administrateur. Ne continuez que si vous lui faites confiance.
consent-returns-to = Elle vous renverra vers <strong>{ $host }</strong>.
consent-about = À propos de { $client }
consent-device = Un appareil demande à se connecter en votre nom. Ne l’autorisez que s’il affiche le code <strong class="user-code">{ $code }</strong> et que vous avez lancé cette connexion vous-même.
consent-asking = { $client } demande à :
consent-allow = Autoriser
consent-deny = Refuser
consent-link-homepage = Page d’accueil
consent-link-policy = Politique de confidentialité
consent-link-tos = Conditions d’utilisation

## Sign-out (logout.html, signed_out.html)

logout-title = Se déconnecter
logout-heading = Se déconnecter ?
logout-signed-in-as = Vous êtes connecté en tant que <strong>{ $username }</strong>.
logout-signed-in-as-client = Vous êtes connecté en tant que <strong>{ $username }</strong> ; <strong>{ $client }</strong> a demandé à vous déconnecter.
logout-sign-out = Se déconnecter
signed-out-title = Déconnecté
signed-out-heading = Vous êtes déconnecté
signed-out-everywhere = Toutes les sessions de votre compte sont terminées, et les applications que vous utilisiez doivent vous demander de vous reconnecter.
signed-out-close = Vous pouvez fermer cette fenêtre, ou <a href="/login">vous reconnecter</a>.

## No access to an application (no_access.html)

no-access-title = Pas d’accès à { $client }
no-access-heading = Vous n’avez pas accès à { $client }
no-access-message = Vous êtes connecté en tant que { $username }, et ce compte n’est pas autorisé à utiliser { $client }. S’il devrait l’être, demandez à un administrateur de vous ajouter à l’un de ses groupes.
no-access-back = Retour à { $client }

## Device sign-in (device.html, device_done.html)

device-title = Connecter un appareil
device-intro = Saisissez le code affiché par votre appareil (télévision, console, ligne de commande…).
device-prefilled = Le code ci-dessous provient du lien que vous avez suivi. Ne continuez que si votre propre appareil l’affiche et que vous avez lancé cette connexion vous-même.
device-code = Code
device-continue = Continuer
device-another = Connecter un autre appareil

## Returning to the application (form_post.html)

form-post-title = Continuer
form-post-heading = Retour à l’application…
form-post-no-js = JavaScript est désactivé : appuyez sur le bouton pour continuer.
form-post-continue = Continuer

## Scopes on the consent page (oidc::claims::describe)

scope-openid = Vous connecter et connaître votre identifiant
scope-profile = Votre nom, nom d’utilisateur, photo et langue
scope-email = Votre adresse e-mail
scope-phone = Votre numéro de téléphone
scope-groups = Les groupes dont vous faites partie
scope-offline-access = Rester connecté quand vous ne l’utilisez pas
scope-admin = Administrer Latchkey en votre nom
scope-unknown = Autorisation inconnue
scope-claims = Vos informations : { $claims }

## Messages of the sign-in flow (http::oidc, http::second_step)

flow-request-expired = Cette demande de connexion a expiré ou a déjà été traitée. Retournez à l’application et recommencez.
flow-redirect-uri-invalid = L’URI de redirection n’est pas valide.
flow-request-malformed = La demande d’autorisation est mal formée.
flow-client-unknown = L’application qui vous a envoyé ici n’est pas enregistrée.
step-wrong-code = Code incorrect. Après plusieurs tentatives échouées, un compte est bloqué pendant un moment.
step-expired = Cette connexion a expiré ou a déjà été effectuée. Reconnectez-vous.
step-locked = Trop de tentatives échouées : le compte est bloqué pendant un moment. Reconnectez-vous plus tard.
step-wrong-enrol-code = Ce code n’est pas correct. Saisissez le code que votre application d’authentification affiche maintenant.
step-enrol-heading = Configurer un second facteur
step-enrol-intro = Cette connexion nécessite un second facteur. Configurez maintenant une application d’authentification ; vous confirmerez ensuite chaque connexion avec un code qu’elle fournit.
logout-malformed = La demande de déconnexion est mal formée.
logout-redirect-invalid = L’URI de redirection après déconnexion n’est pas valide.
logout-needs-client = Une redirection après déconnexion nécessite une application connue (client_id ou id_token_hint).
logout-redirect-unregistered = L’URI de redirection après déconnexion n’est pas enregistrée pour cette application.
logout-bad-hint = Le id_token_hint n’est pas un jeton d’identité valide de ce fournisseur.

## Device sign-in results (http::oidc::device)

device-wrong-code = Ce code n’est pas valide. Vérifiez le code affiché par votre appareil (il expire après quelques minutes) et réessayez.
device-approved-title = Appareil connecté
device-approved = { $client } est connecté sur votre appareil. Vous pouvez fermer cette page et y retourner.
device-denied-title = Appareil non connecté
device-denied = Vous avez refusé l’accès à { $client }. L’appareil ne sera pas connecté.
device-refused-title = { $client } n’a pas été connecté
device-refused = L’appareil n’a pas été connecté : { $reason }.
device-gone-title = Code expiré
device-gone = Ce code a expiré ou a déjà été utilisé. Recommencez sur votre appareil.

## Refused authorization requests (oidc::authorize, oidc::par; shown on the error page)

authorize-param-too-long = Un paramètre de la requête est trop long.
authorize-no-client = La requête ne nomme aucune application (client_id manque).
authorize-no-redirect-uri = La requête n’a pas de redirect_uri.
authorize-redirect-unregistered = L’URI de redirection de la requête n’est pas enregistrée pour cette application.
authorize-pushed-unusable = Cette demande de connexion a expiré ou a déjà été utilisée (invalid_request_uri). Retournez à l’application et recommencez.

## E-mails (mail.rs): subjects and bodies, plain text; lines are kept as written

mail-invite-subject = Votre invitation à { $site }
mail-invite-body =
    Vous avez été invité à vous connecter à { $site }.

    Ouvrez ce lien pour créer une clé d’accès ou définir un mot de passe :

    { $url }

    Le lien fonctionne une fois et expire le { $expires }.
    Si vous n’attendiez pas cette invitation, ignorez ce message.
mail-recovery-subject = Récupérer votre compte sur { $site }
mail-recovery-body =
    Un administrateur a créé un lien pour récupérer votre compte sur { $site }.

    Ouvrez ce lien pour créer une nouvelle clé d’accès ou définir un nouveau mot de passe :

    { $url }

    Le lien fonctionne une fois et expire le { $expires }.
    Si vous ne l’avez pas demandé, prévenez votre administrateur.
mail-self-recovery-when-delayed =
    Pour votre sécurité, le lien ne fonctionne qu’à partir du { $from }
    puis une seule fois, jusqu’au { $expires }.
mail-self-recovery-when = Le lien fonctionne une fois et expire le { $expires }.
mail-self-recovery-cancel-delayed =
    Si vous ne l’avez pas demandé, quelqu’un essaie peut-être de prendre le contrôle de votre
    compte : connectez-vous comme d’habitude avant le { $from }, ouvrez la page de votre compte
    ({ $issuer }/account) et appuyez sur « Annuler la récupération ».
mail-self-recovery-cancel = Si vous ne l’avez pas demandé, prévenez immédiatement votre administrateur.
mail-self-recovery-body =
    Quelqu’un, probablement vous, a demandé sur la page de connexion de { $site } un lien
    pour récupérer le compte { $username }, dont la clé d’accès ou le mot de passe a été perdu.

    Ouvrez ce lien pour créer une nouvelle clé d’accès ou définir un nouveau mot de passe :

    { $url }

    { $when }
    Son utilisation déconnecte le compte partout.

    { $cancel }
mail-verify-subject = Vérifiez votre adresse e-mail sur { $site }
mail-verify-body =
    Quelqu’un, probablement vous, a demandé à vérifier cette adresse e-mail pour un
    compte sur { $site }.

    Ouvrez ce lien et confirmez :

    { $url }

    Le lien fonctionne une fois et expire le { $expires }.
    Si vous ne l’avez pas demandé, ignorez ce message.
mail-signup-subject = Créez votre compte sur { $site }
mail-signup-approved = Votre demande pour le compte { $username } sur { $site } a été approuvée.
mail-signup-asked =
    Quelqu’un, probablement vous, a demandé à créer le compte { $username } sur { $site }
    avec cette adresse e-mail.
mail-signup-body =
    { $opening }

    Ouvrez ce lien pour terminer : créez une clé d’accès ou définissez un mot de passe.

    { $url }

    Le lien fonctionne une fois et expire le { $expires }.
    Aucun compte n’existe tant qu’il n’est pas utilisé. Si vous ne l’avez pas demandé,
    ignorez ce message.
mail-signup-verify-subject = Confirmez votre inscription sur { $site }
mail-signup-verify-body =
    Quelqu’un, probablement vous, a demandé à créer le compte { $username } sur { $site }
    avec cette adresse e-mail.

    Ouvrez ce lien et confirmez la demande :

    { $url }

    Le lien fonctionne une fois et expire le { $expires }. Un administrateur
    examine ensuite la demande ; si elle est approuvée, vous recevez un autre e-mail
    avec un lien pour créer votre clé d’accès ou votre mot de passe.
    Si vous ne l’avez pas demandé, ignorez ce message.
mail-signup-existing-subject = Votre compte sur { $site }
mail-signup-existing-body =
    Quelqu’un, probablement vous, a demandé à créer un compte sur { $site } avec cette
    adresse e-mail. Vous avez déjà un compte avec cette adresse, aucun
    nouveau compte n’a donc été créé.

    Connectez-vous comme d’habitude sur { $issuer }/login . Si vous avez perdu votre clé d’accès ou
    oublié votre mot de passe, appuyez sur « Clé d’accès perdue ? » sur la page de connexion
    ({ $issuer }/recover) pour obtenir un lien de récupération ; si aucun n’arrive, demandez à votre
    administrateur.

    Si vous ne l’avez pas demandé, ignorez ce message.
mail-change-subject = Vos méthodes de connexion sur { $site } ont changé
mail-change-passkey-added = Une clé d’accès a été ajoutée à votre compte { $username } sur { $site }{ $detail }.
mail-change-passkey-removed = Une clé d’accès a été retirée de votre compte { $username } sur { $site }{ $detail }.
mail-change-password-set = Un mot de passe a été défini pour votre compte { $username } sur { $site }{ $detail }.
mail-change-password-changed = Le mot de passe de votre compte a été modifié { $username } sur { $site }{ $detail }.
mail-change-password-removed = Le mot de passe de votre compte a été supprimé { $username } sur { $site }{ $detail }.
mail-change-authenticator-added = Une application d’authentification a été configurée pour votre compte { $username } sur { $site }{ $detail }.
mail-change-authenticator-removed = L’application d’authentification et les codes de secours de votre compte ont été supprimés { $username } sur { $site }{ $detail }.
mail-change-second-factor-reset = Un administrateur a supprimé l’application d’authentification et les codes de secours de votre compte { $username } sur { $site }{ $detail }.
mail-change-body =
    { $what }

    Si c’était vous, il n’y a rien à faire.
    Sinon, quelqu’un d’autre utilise peut-être votre compte : prévenez immédiatement votre
    administrateur.

## Account recovery (recover.html)

recover-title = Récupérer votre compte
recover-sent = Si cette adresse appartient à un compte et a été vérifiée, un lien de récupération est en route vers elle.
recover-sent-delay = Pour votre sécurité, le lien ne fonctionne que { $delay } après son envoi. En attendant, le titulaire du compte peut l’annuler en se connectant.
recover-no-mail = Pas d’e-mail dans quelques minutes ? Alors aucun lien ne peut être envoyé à cette adresse : demandez à votre administrateur de vous aider à récupérer votre compte.
recover-back = Retour à la connexion
recover-intro = Clé d’accès perdue ou mot de passe oublié ? Saisissez l’adresse e-mail de votre compte et nous vous enverrons un lien pour ajouter une nouvelle clé d’accès ou définir un nouveau mot de passe.
recover-delay = Pour votre sécurité, le lien ne fonctionne que { $delay } après son envoi.
recover-email = E-mail
recover-send = Envoyer le lien de récupération
recover-verified-only = Seules les adresses vérifiées reçoivent un lien. Si la vôtre ne l’est pas, demandez de l’aide à votre administrateur.

## Sign-up (signup.html, signup_verify.html)

signup-title = Créer un compte
signup-check-mail = Consultez vos e-mails.
signup-sent-approval = Si l’adresse peut recevoir des e-mails, un message avec un lien pour confirmer votre demande est en route. Une fois confirmée, un administrateur examine la demande ; si elle est approuvée, vous recevez un second e-mail avec un lien pour créer votre clé d’accès ou votre mot de passe.
signup-sent-link = Si l’adresse peut recevoir des e-mails, un message avec un lien pour terminer la création de votre compte est en route. Le lien fonctionne une fois, pendant 24 heures.
signup-sent-existing = Si l’adresse appartient déjà à un compte, le message le dit à la place, et explique comment y retrouver l’accès.
signup-intro-approval = Demandez un compte : nous vous envoyons un lien pour confirmer votre adresse, puis un administrateur examine votre demande.
signup-intro-domains = Les adresses de { $domains } peuvent créer un compte : nous vous envoyons un lien pour le terminer avec une clé d’accès ou un mot de passe.
signup-username = Nom d’utilisateur
signup-username-hint = Lettres minuscules, chiffres, '.', '_', '-' et '@' ; vous vous connectez avec.
signup-email = E-mail
signup-name = Nom
signup-name-hint = Facultatif : comment les applications vous saluent.
signup-submit = S’inscrire
signup-verify-title = Confirmez votre inscription
signup-verify-done-heading = Inscription confirmée
signup-verify-done = Merci : votre demande pour le compte <strong>{ $username }</strong> est confirmée.
signup-verify-review = Un administrateur l’examine maintenant. Si elle est approuvée, vous recevez un e-mail avec un lien pour créer votre clé d’accès ou votre mot de passe.
signup-verify-confirm-text = Confirmez que vous avez demandé le compte <strong>{ $username }</strong> avec l’adresse e-mail <strong>{ $email }</strong>. Un administrateur examine ensuite la demande.
signup-verify-confirm = Confirmer
signup-verify-ignore = Si vous ne l’avez pas demandé, fermez cette page : rien ne se passe.

## E-mail address verification (verify_email.html)

verify-email-title = Vérifiez votre adresse e-mail
verify-email-done-heading = Adresse e-mail vérifiée
verify-email-done = Votre adresse e-mail <strong>{ $email }</strong> est vérifiée.
verify-email-go-account = Aller à votre compte
verify-email-sign-in-text = Ce lien vérifie <strong>{ $email }</strong> pour un compte. Connectez-vous à ce compte pour le confirmer ; si vous ne l’avez pas demandé, ignorez-le.
verify-email-sign-in = Se connecter pour confirmer
verify-email-confirm-text = Confirmez que <strong>{ $email }</strong> est l’adresse e-mail de votre compte <strong>{ $username }</strong>.
verify-email-submit = Vérifier l’adresse e-mail

## Authenticator app and backup codes (totp_enrol.html, backup_codes.html)

totp-title = Configurer une application d’authentification
totp-scan-heading = 1. Ajoutez ce compte à votre application
totp-scan = Scannez le code QR avec une application d’authentification (par exemple Aegis, Google Authenticator, Microsoft Authenticator ou 1Password).
totp-type-key = Ou saisissez cette clé dans l’application (basée sur le temps, 6 chiffres, toutes les 30 secondes) :
totp-verify-heading = 2. Saisissez le code affiché par l’application
totp-code = Code
totp-verify = Vérifier
totp-cancel = Annuler
backup-title = Vos codes de secours
backup-keep = Conservez ces codes en lieu sûr, par exemple dans un gestionnaire de mots de passe ou sur papier. Chacun fonctionne une fois, à la place d’un code de votre application d’authentification, si vous la perdez. Ils ne sont affichés que maintenant.
backup-heading = Codes de secours
backup-continue = Continuer

## Invites and recovery links (invite.html)

invite-title-recovery = Ajouter un moyen de connexion
invite-title-signup = Terminer la création de votre compte
invite-title = Accepter votre invitation
invite-recovery-text = Ce lien permet à <strong>{ $username }</strong> d’ajouter une nouvelle clé d’accès.
invite-recovery-text-password = Ce lien permet à <strong>{ $username }</strong> d’ajouter une nouvelle clé d’accès ou de définir un nouveau mot de passe.
invite-welcome = Bienvenue, { $username }
invite-signup-text = Terminez la création de votre compte <strong>{ $username }</strong> : créez une clé d’accès ou définissez un mot de passe.
invite-signup-text-email = Terminez la création de votre compte <strong>{ $username }</strong> ({ $email }) : créez une clé d’accès ou définissez un mot de passe.
invite-text = Vous avez été invité à créer un compte avec le nom d’utilisateur <strong>{ $username }</strong>.
invite-text-email = Vous avez été invité à créer un compte avec le nom d’utilisateur <strong>{ $username }</strong> ({ $email }).
invite-admin = Vous serez administrateur.
invite-expires = Ce lien fonctionne une fois et expire { $expires }.
invite-passkey-heading = Clé d’accès
invite-passkey-text = Une clé d’accès vous permet de vous connecter avec le verrouillage d’écran de votre appareil ou une clé de sécurité, sans mot de passe.
invite-create-passkey = Créer une clé d’accès
invite-password-heading = Mot de passe
invite-new-password = Nouveau mot de passe
invite-confirm-password = Confirmer le mot de passe
invite-set-password = Définir le mot de passe

## Notices and refusals of the account page and of links (http::account, invite, signup, verify_email)

notice-profile-saved = Votre profil a été enregistré.
notice-password-saved = Votre mot de passe a été enregistré. Vos autres sessions ont été déconnectées.
notice-password-removed = Votre mot de passe a été supprimé.
notice-passkey-renamed = La clé d’accès a été renommée.
notice-passkey-removed = La clé d’accès a été supprimée.
notice-passkey-added = Votre nouvelle clé d’accès est prête.
notice-session-ended = Cette session a été déconnectée.
notice-app-revoked = L’accès de l’application a été révoqué.
notice-verification-sent = Un lien de vérification est en route vers votre adresse e-mail.
notice-totp-enrolled = Votre application d’authentification est configurée.
notice-backup-codes = Vos nouveaux codes de secours sont prêts ; les anciens ne fonctionnent plus.
notice-totp-removed = Votre application d’authentification et vos codes de secours ont été supprimés.
notice-recovery-cancelled = La récupération a été annulée : son lien ne fonctionne plus.
password-mismatch = Les deux mots de passe ne correspondent pas.
totp-wrong-code = Ce code n’est pas correct. Vérifiez l’heure de votre appareil et saisissez le code affiché maintenant par l’application.
invite-invalid = Ce lien d’invitation n’est pas valide. Vérifiez que vous avez copié le lien en entier, ou demandez une nouvelle invitation.
invite-used = Cette invitation a déjà été utilisée. Connectez-vous plutôt, ou demandez une nouvelle invitation.
invite-revoked = Cette invitation a été retirée. Demandez-en une nouvelle à votre administrateur.
invite-expired = Cette invitation a expiré. Demandez-en une nouvelle à votre administrateur.
invite-not-yet = Pour votre sécurité, ce lien de récupération ne fonctionne qu’après un délai d’attente ; l’e-mail qui l’a apporté indique quand. Ouvrez-le à nouveau à ce moment-là. Si vous ne l’avez pas demandé, connectez-vous et annulez la récupération sur la page de votre compte.
invite-second-factor = Ce compte est protégé par une application d’authentification, qu’un lien envoyé par e-mail ne peut pas remplacer. Connectez-vous avec votre mot de passe et votre application d’authentification ou un code de secours, ou demandez à votre administrateur de récupérer votre compte.
invite-role-holder = Ce compte administre Latchkey, ce qu’un lien envoyé par e-mail ne peut pas transmettre. Demandez à un autre administrateur de récupérer votre compte, ou exécutez latchkey user recover sur le serveur.
invite-username-taken = Le nom d’utilisateur invité appartient désormais à quelqu’un d’autre. Demandez une nouvelle invitation à votre administrateur.
invite-signup-taken = Quelqu’un d’autre a pris ce nom d’utilisateur après votre demande, aucun compte n’a donc été créé. Inscrivez-vous à nouveau avec un autre nom d’utilisateur.
invite-account-gone = Le compte auquel cette invitation était destinée n’existe plus.
signup-already-confirmed = Cette demande d’inscription a déjà été confirmée. Un administrateur va l’examiner ; vous recevrez un e-mail si elle est approuvée.
signup-link-expired = Ce lien de confirmation a expiré. Inscrivez-vous à nouveau pour en obtenir un nouveau.
signup-link-invalid = Ce lien de confirmation n’est pas valide. Vérifiez que vous avez copié le lien en entier, ou inscrivez-vous à nouveau.
verify-link-used = Ce lien de vérification a déjà été utilisé. Si votre adresse n’est pas encore vérifiée, demandez un nouveau lien sur la page de votre compte.
verify-link-expired = Ce lien de vérification a expiré. Demandez-en un nouveau sur la page de votre compte.
verify-link-stale = Ce lien a été envoyé à une adresse qui n’est plus celle de votre compte. Demandez un nouveau lien sur la page de votre compte.
verify-link-other-account = Ce lien de vérification a été envoyé pour un autre compte que celui avec lequel vous êtes connecté. Si vous ne l’avez pas demandé, quelqu’un a saisi votre adresse dans son propre compte : ignorez-le.
verify-link-sign-in = Connectez-vous au compte pour lequel ce lien de vérification a été envoyé, puis ouvrez à nouveau le lien. Si vous ne l’avez pas demandé, ignorez-le.
verify-link-invalid = Ce lien de vérification n’est pas valide. Vérifiez que vous avez copié le lien en entier, ou demandez-en un nouveau sur la page de votre compte.
csrf-expired = Ce formulaire a expiré ou provient d’un autre site. Revenez en arrière, rechargez la page et réessayez.

## Passkey messages (http::webauthn, shown by webauthn.js)

passkey-reauth = Veuillez confirmer votre identité : reconnectez-vous.
passkey-not-found = Introuvable.
passkey-expired = Cette demande de clé d’accès a expiré. Veuillez réessayer.
passkey-refused = Cette clé d’accès n’a pas pu être utilisée pour se connecter ici.
passkey-duplicate = Cette clé d’accès est déjà enregistrée.
passkey-other-site = Cette requête provient d’un autre site.
passkey-session-ended = Votre session a pris fin. Veuillez vous reconnecter.
passkey-reauth-add = Veuillez confirmer votre identité : reconnectez-vous pour ajouter une clé d’accès.
invite-invalid-short = Ce lien d’invitation n’est pas valide.
invite-used-short = Cette invitation a déjà été utilisée.
invite-revoked-short = Cette invitation a été retirée.
invite-expired-short = Cette invitation a expiré.
invite-second-factor-short = Ce compte est protégé par une application d’authentification, qu’un lien envoyé par e-mail ne peut pas remplacer : demandez à votre administrateur de récupérer votre compte.
invite-role-holder-short = Ce compte administre Latchkey, ce qu’un lien envoyé par e-mail ne peut pas transmettre : demandez à un autre administrateur de récupérer votre compte.
invite-username-taken-short = Le nom d’utilisateur invité appartient désormais à quelqu’un d’autre.

## Titles of refused links (http::invite, signup, verify_email)

invite-not-found-title = Invitation introuvable
invite-used-title = Invitation déjà utilisée
invite-revoked-title = Invitation retirée
invite-expired-title = Invitation expirée
invite-not-yet-title = Lien de récupération pas encore utilisable
invite-second-factor-title = La récupération nécessite votre administrateur
invite-role-holder-title = La récupération nécessite un autre administrateur
invite-username-taken-title = Nom d’utilisateur pris
invite-account-exists-title = Le compte existe
invite-account-gone-title = Compte supprimé
link-already-confirmed-title = Déjà confirmé
link-expired-title = Lien expiré
link-invalid-title = Lien non valide
link-used-title = Lien déjà utilisé
link-address-changed-title = Adresse modifiée
link-other-account-title = Lien pour un autre compte
link-sign-in-first-title = Connectez-vous d’abord
invite-address-taken = Un compte avec cette adresse e-mail existe déjà, aucun compte n’a donc été créé. Connectez-vous, ou appuyez sur « Clé d’accès perdue ? » sur la page de connexion.

## Account page (account.html)

account-title = Votre compte
nav-main = Menu principal
nav-administration = Administration
nav-account = Compte
account-signed-in-as = Connecté en tant que <strong>{ $username }</strong>.
account-recovery-heading = Récupération du compte demandée
account-recovery-asked = Le { $requested }, quelqu’un a demandé sur la page de connexion un lien pour récupérer ce compte, et il a été envoyé à votre adresse e-mail.
account-recovery-from = Il fonctionne à partir du { $start } et expire le { $expires }. Son utilisation déconnecte ce compte partout.
account-recovery-now = Il fonctionne dès maintenant et expire le { $expires }. Son utilisation déconnecte ce compte partout.
account-recovery-not-you = Si ce n’était pas vous, annulez-la et pensez à changer le mot de passe de votre compte de messagerie.
account-recovery-cancel = Annuler la récupération
account-passkeys = Clés d’accès
account-col-name = Nom
account-col-created = Créée
account-col-last-used = Dernière utilisation
account-col-actions = Actions
account-never = jamais
account-rename-label = Nouveau nom pour { $name }
account-rename-aria = Renommer { $name }
account-rename = Renommer
account-remove = Supprimer
account-no-passkeys = Vous n’avez pas encore de clé d’accès.
account-add-passkey = Ajouter une clé d’accès
account-password = Mot de passe
account-current-password = Mot de passe actuel
account-new-password = Nouveau mot de passe
account-confirm-password = Confirmer le mot de passe
account-change-password = Changer le mot de passe
account-set-password = Définir le mot de passe
account-remove-password = Supprimer le mot de passe
account-totp = Application d’authentification
account-totp-on = Une application d’authentification est configurée. Codes de secours restants : <strong>{ $left }</strong>.
account-totp-off = Aucune application d’authentification n’est configurée. Avec une application, la connexion par mot de passe demande aussi un code de votre téléphone.
account-totp-set-up = Configurer une application d’authentification
account-totp-replace = Configurer une autre application remplace celle-ci dès que vous vérifiez un code qu’elle fournit.
account-regenerate-codes = Régénérer les codes de secours
account-remove-totp = Supprimer l’application d’authentification
account-sessions = Sessions actives
account-unknown-browser = Navigateur inconnu
account-session-from = depuis { $ip }
account-session-times = connecté le { $created }, vu pour la dernière fois le { $seen }
account-this-browser = (ce navigateur)
account-sign-out = Se déconnecter
account-apps = Applications connectées
account-col-application = Application
account-col-access = Accès
account-sign-in-only = connexion uniquement
account-revoke = Révoquer
account-no-apps = Aucune application n’a accès à votre compte.
account-everywhere-text = Termine toutes les sessions de votre compte, y compris celle-ci, et oblige chaque application à vous demander de vous reconnecter.
account-sign-out-everywhere = Se déconnecter partout
account-profile = Profil
account-full-name = Nom complet
account-given-name = Prénom
account-family-name = Nom de famille
account-nickname = Surnom
account-email = E-mail
account-verified = vérifiée
account-not-verified = non vérifiée
account-verify-email = Vérifier l’adresse e-mail
account-phone = Téléphone
account-picture = URL de la photo
account-locale = Langue
account-save-profile = Enregistrer le profil

## Administration navigation (admin_layout.html); the management pages follow at the end

admin-nav = Administration
admin-nav-users = Utilisateurs
admin-nav-groups = Groupes
admin-nav-clients = Clients
admin-nav-invites = Invitations
admin-nav-signups = Demandes d’inscription
admin-nav-registration-tokens = Jetons d’enregistrement
admin-nav-keys = Clés
admin-nav-audit = Journal d’audit
admin-nav-api-keys = Clés d’API
admin-nav-account = Compte

## Passkey messages of webauthn.js (data-msg-* on the passkey buttons)

passkey-js-cancelled = La demande de clé d’accès a été annulée ou a expiré.
passkey-js-failed = La clé d’accès n’a pas pu être utilisée.
passkey-js-unsupported = Ce navigateur ne peut pas utiliser de clés d’accès.

## Password rules (auth::password::PolicyError, shown on the account and invite pages)

password-common = Ce mot de passe est trop courant : il figure dans des listes de mots de passe divulgués. Choisissez-en un autre, par exemple quelques mots sans rapport entre eux.
password-too-short = Le mot de passe doit comporter au moins 8 caractères.
password-too-long = Le mot de passe doit comporter au plus 128 caractères.
password-is-username = Le mot de passe ne doit pas être votre nom d’utilisateur.
## Branding: the header and footer of every page, client logos
header-sign-out = Se déconnecter
footer-help = Aide : { $contact }
client-logo-alt = Logo de { $client }

# Recovery codes (/account, /recover)
recover-code-heading = Vous avez un code de récupération ?
recover-code-intro = Si vous avez créé des codes de récupération sur la page de votre compte, l’un d’eux avec votre nom d’utilisateur vous permet d’ajouter tout de suite une nouvelle clé d’accès ou de définir un nouveau mot de passe.
recover-code-label = Code de récupération
recover-code-use = Utiliser le code de récupération
recover-code-no-match = Ce nom d’utilisateur et ce code de récupération ne correspondent pas. Chaque code ne fonctionne qu’une fois ; vérifiez votre saisie ou utilisez un autre code.
account-recovery-codes-heading = Codes de récupération
account-recovery-codes-left = Codes de récupération restants : <strong>{ $left }</strong>. Chacun, avec votre nom d’utilisateur, vous permet de revenir dans votre compte depuis la page <a href="/recover">Clé d’accès perdue ?</a> si vous perdez toutes vos clés d’accès et votre mot de passe.
account-recovery-codes-none = Aucun code de récupération. Les codes de récupération vous permettent de revenir dans votre compte depuis la page <a href="/recover">Clé d’accès perdue ?</a> si vous perdez toutes vos clés d’accès et votre mot de passe, sans attendre un lien par e-mail ni un administrateur.
account-recovery-codes-create = Créer des codes de récupération
account-recovery-codes-remove = Supprimer les codes de récupération
notice-recovery-codes = Vos nouveaux codes de récupération sont prêts ; les anciens ne fonctionnent plus.
notice-recovery-codes-removed = Vos codes de récupération ont été supprimés.
error-no-recovery-codes = Il n’y a aucun code de récupération à supprimer.
recovery-codes-title = Vos codes de récupération
recovery-codes-keep = Conservez ces codes en lieu sûr, à l’écart de vos appareils, par exemple dans un gestionnaire de mots de passe ou sur papier. Si vous perdez toutes vos clés d’accès et votre mot de passe, l’un d’eux avec votre nom d’utilisateur vous ramène dans votre compte depuis la page « Clé d’accès perdue ? ». Chacun fonctionne une fois. Les anciens codes de récupération ne fonctionnent plus. Ils ne sont affichés que maintenant.
recovery-codes-heading = Codes de récupération
mail-change-recovery-codes-created = De nouveaux codes de récupération ont été créés pour votre compte { $username } sur { $site }{ $detail }.
mail-change-recovery-code-used = Un code de récupération a été utilisé pour commencer à récupérer votre compte { $username } sur { $site }{ $detail }.

## Management pages (admin_*.html): shared words

admin-pages = Pages
admin-previous-page = Page précédente
admin-next-page = Page suivante
admin-col-status = Statut
admin-col-state = État
admin-col-actions = Actions
admin-col-created = Création
admin-col-expires = Expiration
admin-col-last-used = Dernière utilisation
admin-never = jamais
admin-revoke = Révoquer
admin-remove = Supprimer
admin-field-username = Nom d’utilisateur
admin-field-name = Nom
admin-field-full-name = Nom complet
admin-field-email = E-mail
admin-field-groups = Groupes
admin-field-groups-list = Groupes (séparés par des virgules)
admin-field-role = Rôle
admin-field-administrator = Administrateur
admin-field-description = Description
admin-field-attributes = Attributs
admin-field-require-mfa = Exiger un second facteur
admin-save-attributes = Enregistrer les attributs
admin-role-none = Aucun
admin-role-owner = Propriétaire
admin-role-admin = Administrateur
admin-role-user-manager = Gestionnaire des utilisateurs
admin-role-client-manager = Gestionnaire des clients
admin-role-auditor = Auditeur

## Users (admin_users.html)

admin-users-title = Utilisateurs
admin-users-search-label = Rechercher des utilisateurs
admin-users-search = Rechercher
admin-users-total = { $count ->
    [one] { $count } utilisateur.
   *[other] { $count } utilisateurs.
}
admin-users-total-matching = { $count ->
    [one] { $count } utilisateur correspondant à « { $query } ».
   *[other] { $count } utilisateurs correspondant à « { $query } ».
}
admin-user-active = actif
admin-user-disabled = désactivé
admin-users-create-heading = Créer un utilisateur
admin-users-create-hint = Il vaut généralement mieux <a href="/admin/invites">envoyer une invitation</a>, pour que chacun choisisse lui-même sa clé d’accès ou son mot de passe.
admin-users-initial-password = Mot de passe initial (facultatif)
admin-users-create = Créer l’utilisateur

## A user (admin_user.html)

admin-user-id = Identifiant <code>{ $id }</code>
admin-user-created = créé le { $date }
admin-user-passkey-count = { $count ->
    [one] { $count } clé d’accès
   *[other] { $count } clés d’accès
}
admin-user-has-password = a un mot de passe
admin-user-no-password = pas de mot de passe
admin-user-recovery-link = Lien de récupération
admin-user-recovery-emailed = Le lien a été envoyé par e-mail à { $email }. Il fonctionne une fois, jusqu’au { $expires } ; il n’est affiché ici qu’une seule fois.
admin-user-recovery-send = Envoyez ce lien à { $username } ; il n’est affiché que maintenant et fonctionne une fois, jusqu’au { $expires }.
admin-user-profile = Profil
admin-user-given-name = Prénom
admin-user-family-name = Nom de famille
admin-user-nickname = Surnom
admin-user-email-verified = E-mail vérifié
admin-user-phone = Téléphone
admin-user-phone-verified = Téléphone vérifié
admin-user-picture = URL de la photo
admin-user-locale = Langue
admin-user-save-profile = Enregistrer le profil
admin-user-groups-label = Groupes (séparés par des virgules ; les groupes ne confèrent aucun droit d’administration : ce sont les rôles qui le font)
admin-user-save-groups = Enregistrer les groupes
admin-user-save-role = Enregistrer le rôle
admin-user-attributes-label = Attributs (un objet JSON ; ils l’emportent sur les attributs des groupes de l’utilisateur et parviennent aux clients dont le mappage des claims les publie)
admin-user-sessions = Sessions
admin-user-col-signed-in = Connexion
admin-user-col-last-seen = Dernière activité
admin-user-col-address = Adresse
admin-user-col-browser = Navigateur
admin-user-col-methods = Méthodes
admin-user-end-session-aria = Terminer la session ouverte le { $created } depuis { $ip }
admin-user-end-session-aria-unknown = Terminer la session ouverte le { $created } depuis une adresse inconnue
admin-user-end-session = Terminer la session
admin-user-end-all-sessions = Terminer toutes les sessions
admin-user-end-all-hint = Termine toutes les sessions et révoque aussi les jetons que détiennent les applications de l’utilisateur. <strong>Terminer la session</strong> ne déconnecte qu’un seul navigateur.
admin-user-no-sessions = Aucune session active.
admin-user-passkeys = Clés d’accès
admin-user-remove-passkey-aria = Supprimer la clé d’accès { $name }
admin-user-last-method = <strong>Attention :</strong> c’est le seul moyen de connexion de cet utilisateur. Une fois supprimé, il ne pourra plus se connecter avant d’avoir utilisé un lien de récupération.
admin-user-no-passkeys = Aucune clé d’accès.
admin-user-second-factor = Second facteur
admin-user-totp-on = { $count ->
    [one] Application d’authentification configurée ; { $count } code de secours restant.
   *[other] Application d’authentification configurée ; { $count } codes de secours restants.
}
admin-user-totp-off = { $count ->
    [one] Pas d’application d’authentification ; { $count } code de secours restant.
   *[other] Pas d’application d’authentification ; { $count } codes de secours restants.
}
admin-user-second-factor-none = Rien de configuré.
admin-user-reset-confirm = Oui, supprimer l’application d’authentification, les codes de secours et les codes de récupération de cet utilisateur
admin-user-reset-second-factor = Réinitialiser le second facteur
admin-user-access = Accès
admin-user-email-link = Envoyer le lien par e-mail à { $email }
admin-user-send-recovery = Envoyer un lien de récupération
admin-user-disable = Désactiver
admin-user-enable = Activer
admin-user-delete = Supprimer l’utilisateur
admin-user-audit-events = Événements d’audit de cet utilisateur

## Clients (admin_clients.html)

admin-clients-title = Clients
admin-clients-col-type = Type
admin-clients-col-redirect-uris = URI de redirection
admin-clients-may-administer = peut administrer Latchkey
admin-clients-resource-server = serveur de ressources
admin-clients-registered-on = Enregistré dynamiquement le { $date }
admin-clients-register-heading = Enregistrer un client
admin-clients-public-label = Client public (SPA ou application native : pas de secret, PKCE)
admin-clients-skip-consent-label = Ignorer le consentement (application maison)
admin-clients-register = Enregistrer le client

## A client (admin_client.html)

admin-client-id-label = Identifiant client
admin-client-id-code = Identifiant client <code>{ $id }</code>
admin-client-public = public
admin-client-confidential = confidentiel
admin-client-public-fixed = public (définitif : enregistrez un nouveau client pour le changer)
admin-client-confidential-fixed = confidentiel (définitif : enregistrez un nouveau client pour le changer)
admin-client-grants = autorisations { $grants }
admin-client-registered = Enregistré dynamiquement le { $date } : il s’est enregistré lui-même sur <code>/register</code> et gère son enregistrement avec son jeton d’accès d’enregistrement.
admin-client-admin-scope = <strong>Peut administrer Latchkey :</strong> ce client a droit au scope <code>latchkey:admin</code> (l’API d’administration). Le consentement des utilisateurs est toujours demandé avant qu’il ne le reçoive.
admin-client-resource-server-note = Serveur de ressources : peut inspecter les jetons émis pour d’autres clients.
admin-client-secret = Secret client
admin-client-secret-once = Copiez-le maintenant : il n’est affiché qu’une seule fois.
admin-client-settings = Paramètres
admin-client-redirect-uris-label = URI de redirection (une par ligne)
admin-client-post-logout-uris-label = URI de redirection après déconnexion (une par ligne)
admin-client-skip-consent = Ignorer le consentement
admin-client-resource-server-label = Serveur de ressources (peut inspecter les jetons émis pour d’autres clients)
admin-client-client-credentials = Autoriser l’octroi client credentials
admin-client-device-grant = Autoriser l’octroi device authorization (appareils sans navigateur, RFC 8628)
admin-client-refresh-tokens = Peut recevoir des jetons de rafraîchissement (offline_access ; nécessite une URI de redirection)
admin-client-require-par = Exiger les requêtes d’autorisation poussées (PAR, RFC 9126)
admin-client-require-dpop = Exiger des jetons liés par DPoP (RFC 9449)
admin-client-scopes-label = Scopes supplémentaires qu’il peut demander (séparés par des espaces ; latchkey:admin autorise l’API d’administration)
admin-client-id-token-alg = Algorithme de signature du jeton d’identité
admin-client-origins-label = Origines de navigateur autorisées (CORS ; une par ligne, par exemple https://app.example)
admin-client-origins-label-derived = Origines de navigateur autorisées (CORS ; une par ligne, par exemple https://app.example ; les URI de redirection autorisent déjà { $origins })
admin-client-backchannel-uri-label = URL de déconnexion back-channel (reçoit un jeton de déconnexion quand la session d’un utilisateur se termine ; https, ou http sur localhost)
admin-client-backchannel-sid = Ses jetons de déconnexion doivent contenir l’identifiant de session (sid)
admin-client-branding-legend = Image de marque (URL https ; les pages de connexion et de consentement renvoient vers la page d’accueil, la politique de confidentialité et les conditions)
admin-client-logo-uri-label = URL du logo (enregistrée et renvoyée aux outils, jamais chargée : téléversez le logo ci-dessous)
admin-client-homepage-label = URL de la page d’accueil
admin-client-policy-label = URL de la politique de confidentialité
admin-client-tos-label = URL des conditions d’utilisation
admin-client-save = Enregistrer le client
admin-client-logo = Logo
admin-client-logo-shown = Affiché sur les pages de connexion et de consentement.
admin-client-no-logo = Pas de logo : les pages de connexion et de consentement n’affichent que le nom.
admin-client-logo-file = Fichier du logo (PNG, JPEG, WebP ou SVG sans scripts ; { $kib } Kio au plus)
admin-client-upload-logo = Téléverser le logo
admin-client-remove-logo = Supprimer le logo
admin-client-claims = Claims
admin-client-claim-mapping-label = Mappage des claims (JSON ; <code>{"{}"}</code> donne les claims par défaut)
admin-client-save-claim-mapping = Enregistrer le mappage des claims
admin-client-who-may-sign-in = Qui peut se connecter
admin-client-only-members = Seulement les membres de { $groups }.
admin-client-every-active-user = Tout utilisateur actif.
admin-client-allowed-groups-label = Groupes autorisés (séparés par des virgules ; vide : tout le monde)
admin-client-save-allowed-groups = Enregistrer les groupes autorisés
admin-client-keys = Clés (private_key_jwt)
admin-client-authenticates-with = S’authentifie avec <code>{ $method }</code>.
admin-client-key-ids = Clés :
admin-client-jwks-label-replace = JWK Set (clés publiques uniquement ; remplace immédiatement les clés actuelles)
admin-client-jwks-label-first = JWK Set (clés publiques uniquement ; le client s’authentifie ensuite avec ces clés et son secret cesse de fonctionner)
admin-client-replace-keys = Remplacer les clés
admin-client-backchannel = Déconnexion back-channel
admin-client-no-backchannel = Pas d’URL de déconnexion back-channel : le client n’est pas prévenu quand les sessions se terminent.
admin-client-col-session-ended = Fin de session
admin-client-col-attempts = Tentatives
admin-client-col-last-error = Dernière erreur
admin-client-col-finished = Terminé ou prochaine tentative
admin-client-next-attempt = prochaine le { $date }
admin-delivery-pending = en attente
admin-delivery-delivered = remis
admin-delivery-failed = échoué
admin-client-no-deliveries = Aucun jeton de déconnexion envoyé pour l’instant.
admin-client-credentials = Identifiants
admin-client-rotate-secret = Renouveler le secret
admin-client-delete = Supprimer le client

## Connect an application (admin_client_connect.html, http::admin::connect)

admin-connect-heading = Connecter une application
admin-connect-intro = La plupart des applications n’ont besoin que de l’URL de découverte, de l’identifiant client et du secret client :
admin-connect-intro-public = La plupart des applications n’ont besoin que de l’URL de découverte et de l’identifiant client :
admin-connect-discovery = URL de découverte
admin-connect-issuer = Émetteur
admin-connect-secret-none = aucun (client public : PKCE avec S256)
admin-connect-secret-above = affiché ci-dessus
admin-connect-secret-placeholder = affiché une seule fois, à la création du client ou au renouvellement de son secret ; <code>&lt;client_secret&gt;</code> le remplace ci-dessous
admin-connect-auth = Authentification du client
admin-connect-authorization = Point de terminaison d’autorisation
admin-connect-token = Point de terminaison de jeton
admin-connect-userinfo = Point de terminaison UserInfo
admin-connect-end-session = Fin de session (déconnexion)
admin-connect-none-registered = aucune enregistrée
admin-connect-scopes = Scopes
admin-connect-and = et
admin-connect-more = Plus de détails dans le guide d’intégration (docs/integration.md dans le dépôt de Latchkey).
admin-connect-app-spa = Application monopage (oidc-client-ts)
admin-connect-place-shell = shell
admin-connect-place-nextcloud = shell, dans le dossier de Nextcloud

## Groups (admin_groups.html, admin_group.html)

admin-groups-title = Groupes
admin-groups-total = { $count ->
    [one] { $count } groupe. Les membres rejoignent un groupe depuis leur page d’utilisateur ; un client peut être réservé à certains groupes.
   *[other] { $count } groupes. Les membres rejoignent un groupe depuis leur page d’utilisateur ; un client peut être réservé à certains groupes.
}
admin-groups-col-members = Membres
admin-groups-create-heading = Créer un groupe
admin-groups-create = Créer le groupe
admin-group-member-count = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
admin-group-no-members = Aucun membre. Ajoutez des personnes depuis leur page d’utilisateur.
admin-group-save-description = Enregistrer la description
admin-group-policy = Règle de connexion
admin-group-policy-hint = Les membres confirment alors chaque connexion avec une application d’authentification ou un code de secours, ou se connectent avec une clé d’accès ; les membres sans second facteur en configurent un juste après leur mot de passe.
admin-group-save-policy = Enregistrer la règle
admin-group-attributes-label = Attributs (un objet JSON ; les membres les reçoivent sauf s’ils définissent les mêmes noms, et entre plusieurs groupes, celui dont le nom vient en premier dans l’ordre alphabétique l’emporte)
admin-group-rename = Renommer
admin-group-new-name = Nouveau nom
admin-group-rename-submit = Renommer le groupe
admin-group-delete-heading = Supprimer
admin-group-delete-confirm = { $count ->
    [one] Oui, supprimer ce groupe et son { $count } adhésion
   *[other] Oui, supprimer ce groupe et ses { $count } adhésions
}
admin-group-delete = Supprimer le groupe

## Invites (admin_invites.html)

admin-invites-title = Invitations
admin-invites-link = Lien d’invitation
admin-invites-emailed = L’invitation a été envoyée par e-mail à { $email }. Elle fonctionne une fois, jusqu’au { $expires } ; le lien n’est affiché ici qu’une seule fois.
admin-invites-send = Envoyez ce lien à { $username } ; il n’est affiché que maintenant et fonctionne une fois, jusqu’au { $expires }.
admin-invites-col-kind = Type
admin-invites-kind-recovery = récupération
admin-invites-kind-administrator = administrateur
admin-invites-kind-new-account = nouveau compte
admin-invite-status-pending = en attente
admin-invite-status-used = utilisée
admin-invite-status-revoked = révoquée
admin-invite-status-expired = expirée
admin-invites-revoke-aria = Révoquer l’invitation de { $username }
admin-invites-create-heading = Inviter quelqu’un
admin-invites-valid-hours = Valable pendant (heures)
admin-invites-send-email = Envoyer par e-mail (à l’adresse ci-dessus)
admin-invites-create = Créer l’invitation

## Signing keys (admin_keys.html)

admin-keys-title = Clés de signature
admin-keys-intro = Les jetons sont signés avec la clé la plus récente de leur algorithme. Une clé renouvelée reste publiée dans <code>/jwks</code> jusqu’à l’expiration de tous les jetons qu’elle a signés, puis elle est supprimée.
admin-keys-col-kid = Identifiant de clé
admin-keys-col-alg = Algorithme
admin-keys-col-retired = Retirée
admin-keys-signing = signe actuellement
admin-keys-published = publiée (vérifie les jetons plus anciens)
admin-keys-unpublished = plus publiée
admin-keys-rotate-heading = Renouveler
admin-keys-rotate-intro = Une nouvelle clé prend immédiatement le relais pour signer ; les parties de confiance qui mettent <code>/jwks</code> en cache la récupèrent quand elles rencontrent son identifiant.
admin-keys-rotate = Renouveler la clé { $alg }

## Audit log (admin_audit.html)

admin-audit-title = Journal d’audit
admin-audit-user-id = Identifiant utilisateur
admin-audit-event = Événement
admin-audit-from = Du
admin-audit-to = Au
admin-audit-filter = Filtrer
admin-audit-total = { $count ->
    [one] { $count } événement. Les dates sont en UTC ; « Au » inclut toute la journée.
   *[other] { $count } événements. Les dates sont en UTC ; « Au » inclut toute la journée.
}
admin-audit-col-when = Quand
admin-audit-col-actor = Auteur
admin-audit-col-subject = Sujet
admin-audit-col-client = Client
admin-audit-col-ip = Depuis
admin-audit-col-details = Détails

## API keys (admin_api_keys.html)

admin-api-keys-title = Clés d’API
admin-api-keys-intro = Une clé d’API permet à un script d’appeler l’API d’administration (<code>/api/admin/v1</code>) en tant que <code>Authorization: Bearer lk_…</code>, avec le rôle de la clé. Une clé n’a jamais plus de droits que la personne qui l’a créée.
admin-api-keys-new = Nouvelle clé d’API
admin-api-keys-created = La clé d’API « { $name } » ({ $role }) fonctionne jusqu’au { $expires }. Copiez-la maintenant : elle ne sera plus affichée.
admin-api-keys-key = Clé d’API
admin-api-keys-col-created-by = Créée par
admin-api-key-state-active = active
admin-api-key-state-expired = expirée
admin-api-key-state-revoked = révoquée
admin-api-keys-revoke-aria = Révoquer la clé d’API { $name }
admin-api-keys-create-heading = Créer une clé d’API
admin-api-keys-lifetime = Durée de validité (jours)
admin-api-keys-create = Créer la clé d’API

## Registration tokens (admin_registration_tokens.html)

admin-tokens-title = Jetons d’enregistrement
admin-tokens-intro = Les jetons d’accès initiaux permettent aux parties de confiance de s’enregistrer elles-mêmes sur <code>{ $endpoint }</code> (enregistrement dynamique de clients).
admin-tokens-mode-token = L’enregistrement nécessite l’un de ces jetons.
admin-tokens-mode-open = L’enregistrement est ouvert à tous : ces jetons ne sont pas nécessaires.
admin-tokens-mode-off = L’enregistrement est désactivé (<code>LATCHKEY_REGISTRATION=off</code>) : ces jetons n’ont aucun effet tant qu’il n’est pas réglé sur <code>token</code>.
admin-tokens-new = Nouveau jeton
admin-tokens-created = { $uses ->
    [one] Donnez ce jeton à la personne qui enregistre le client de « { $name } » ; il n’est affiché que maintenant. Il enregistre jusqu’à { $uses } client, jusqu’au { $expires }.
   *[other] Donnez ce jeton à la personne qui enregistre les clients de « { $name } » ; il n’est affiché que maintenant. Il enregistre jusqu’à { $uses } clients, jusqu’au { $expires }.
}
admin-tokens-col-uses-left = Utilisations restantes
admin-tokens-col-issued-by = Émis par
admin-token-status-active = actif
admin-token-status-expired = expiré
admin-token-status-used_up = épuisé
admin-token-status-revoked = révoqué
admin-tokens-revoke-aria = Révoquer le jeton { $name }
admin-tokens-issue-heading = Émettre un jeton
admin-tokens-valid-days = Valable pendant (jours)
admin-tokens-uses = Utilisations
admin-tokens-issue = Émettre le jeton

## Sign-up requests (admin_signups.html)

admin-signups-title = Demandes d’inscription
admin-signups-intro = Les personnes qui ont demandé un compte sur <code>/signup</code> et confirmé leur adresse e-mail.
admin-signups-mode-approval = <strong>Approuver</strong> leur envoie un lien qui crée le compte avec une clé d’accès ou un mot de passe (il fonctionne une fois, pendant 24 heures) ; <strong>Refuser</strong> supprime la demande sans rien envoyer. Les demandes sans décision dans les 30 jours suivant leur confirmation sont abandonnées.
admin-signups-mode-domain = L’inscription libre est ouverte aux domaines e-mail configurés (<code>LATCHKEY_SIGNUP=email-domain</code>) : personne n’attend d’approbation.
admin-signups-mode-off = L’inscription libre est désactivée (<code>LATCHKEY_SIGNUP=off</code>).
admin-signups-col-asked = Demandé le
admin-signups-col-ip = Depuis
admin-signups-approve = Approuver
admin-signups-approve-aria = Approuver { $username }
admin-signups-reject = Refuser
admin-signups-reject-aria = Refuser { $username }
admin-signups-none = Aucune demande d’inscription en attente.

## Notices and refusals of the management pages (http::admin)

admin-notice-created = Créé.
admin-notice-saved = Enregistré.
admin-notice-logo-saved = Le logo est enregistré ; les pages de connexion et de consentement l’affichent.
admin-notice-logo-removed = Le logo est supprimé.
admin-notice-keys-replaced = Les clés sont remplacées ; les assertions signées avec les précédentes sont refusées.
admin-notice-disabled = L’utilisateur est désactivé et déconnecté partout.
admin-notice-enabled = L’utilisateur est activé.
admin-notice-deleted = Supprimé.
admin-notice-revoked = L’invitation a été révoquée.
admin-notice-session-ended = La session est terminée ; ce navigateur est déconnecté.
admin-notice-sessions-ended = Toutes les sessions sont terminées, et les jetons de l’utilisateur sont révoqués.
admin-notice-passkey-removed = La clé d’accès a été supprimée.
admin-notice-second-factor-reset = Le second facteur a été réinitialisé : l’application d’authentification, les codes de secours et les codes de récupération de l’utilisateur sont supprimés.
admin-notice-passkey-removed-last = La clé d’accès a été supprimée. C’était le dernier moyen de connexion de l’utilisateur : envoyez-lui un lien de récupération.
admin-notice-client-registered = Le client est enregistré.
admin-notice-secret-rotated = Un nouveau secret est en vigueur ; l’ancien ne fonctionne plus.
admin-notice-key-rotated = Une nouvelle clé signe désormais ; la précédente reste publiée jusqu’à l’expiration de ses jetons.
admin-notice-token-revoked = Le jeton a été révoqué ; les clients qu’il a enregistrés restent.
admin-notice-api-key-revoked = La clé d’API a été révoquée ; elle est désormais refusée.
admin-notice-signup-approved = Approuvée : le lien pour créer le compte est envoyé ; il fonctionne pendant 24 heures.
admin-notice-signup-rejected = Refusée : la demande est supprimée et rien n’a été envoyé.
admin-error-not-administrator = Seuls les administrateurs peuvent ouvrir les pages de gestion.
admin-error-role-forbids = Votre rôle ({ $role }) ne le permet pas.
admin-error-confirm-reset = Cochez la confirmation pour réinitialiser le second facteur.
admin-error-confirm-delete-group = Cochez la confirmation pour supprimer le groupe et ses adhésions.
admin-error-link-withdrawn = { $reason }. Le lien a été retiré ; réessayez.
admin-error-invite-withdrawn = { $reason }. L’invitation a été retirée ; réessayez.
admin-error-hours = La durée de validité doit être un nombre entier d’heures.
admin-error-token-numbers = Indiquez le nombre de jours (1 à 365) et d’utilisations en nombres entiers.
admin-error-lifetime = Indiquez la durée de validité en nombre entier de jours (1 à 730).
admin-error-refused = Refusé : { $reason }.
admin-error-attributes-too-large = Les attributs sont trop volumineux.
admin-error-attributes-not-json = Les attributs ne sont pas du JSON valide : { $error }
admin-error-claim-mapping-too-large = Le mappage des claims est trop volumineux.
admin-error-claim-mapping-not-json = Le mappage des claims n’est pas du JSON valide : { $error }
admin-user-recovery-codes = Codes de récupération
admin-user-recovery-codes-left = { $count ->
    [one] { $count } code de récupération restant.
   *[other] { $count } codes de récupération restants.
}
admin-user-remove-recovery-codes = Supprimer les codes de récupération
admin-user-no-recovery-codes = Aucun code de récupération.
admin-notice-recovery-codes-removed = Les codes de récupération de l’utilisateur ont été supprimés ; les liens qu’ils ont donnés ne fonctionnent plus.
