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

## Administration navigation (admin_layout.html); the admin pages themselves are English

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
