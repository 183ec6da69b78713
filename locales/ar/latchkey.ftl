# Latchkey: العربية.
# Message ids are shared by every language; see docs/languages.md.

## Sign-in page (login.html)

login-title = تسجيل الدخول
login-continue-to = للمتابعة إلى <strong>{ $client }</strong>
login-reauth = يرجى تأكيد هويتك: سجّل الدخول مرة أخرى لإجراء هذا التغيير.
login-username = اسم المستخدم
login-password = كلمة المرور
login-sign-in = تسجيل الدخول
login-or = أو
login-passkey = تسجيل الدخول بمفتاح مرور
login-passkey-needs-js = يتطلب تسجيل الدخول بمفتاح مرور تفعيل JavaScript.
login-lost-passkey = هل فقدت مفتاح المرور؟
login-create-account = إنشاء حساب
login-missing-fields = أدخل اسم المستخدم وكلمة المرور.
login-failed = اسم المستخدم أو كلمة المرور غير صحيحة. بعد عدة محاولات فاشلة يُقفل الحساب لفترة.
login-form-unreadable = تعذّرت قراءة نموذج تسجيل الدخول.

## Error pages (error.html and the errors of every page)

error-bad-request = طلب غير صالح
error-forbidden = محظور
error-not-found = غير موجود
error-not-found-message = لا يوجد شيء هنا.
error-page-not-found = الصفحة غير موجودة
error-page-not-found-message = لا توجد صفحة على هذا العنوان. ربما كُتب الرابط خطأً أو أصبح قديمًا.
error-link-account = الانتقال إلى حسابك
error-link-sign-in = تسجيل الدخول
error-conflict = تعارض
error-conflict-taken = هذه القيمة ({ $what }) مستخدمة بالفعل.
error-too-many-requests = طلبات كثيرة جدًا
error-too-many-requests-message = محاولات كثيرة جدًا. يرجى الانتظار قليلًا ثم المحاولة مرة أخرى.
error-busy = مشغول
error-busy-message = الخادم مشغول بالتحقق من كلمات المرور. يرجى المحاولة مرة أخرى بعد بضع ثوانٍ.
error-internal = حدث خطأ ما
error-internal-message = تعذّر على الخادم إكمال الطلب. يرجى المحاولة مرة أخرى.

## Second step at sign-in (second_factor.html)

step-title = الخطوة الثانية
step-up-title = التأكيد بعامل ثانٍ
step-sign-in-again = تسجيل الدخول مرة أخرى
step-up-intro = يطلب { $client } عاملًا ثانيًا. اكتب الرمز الذي يعرضه تطبيق المصادقة لديك، أو أحد رموزك الاحتياطية.
step-intro = اكتب الرمز الذي يعرضه تطبيق المصادقة لديك، أو أحد رموزك الاحتياطية.
step-code = الرمز
step-verify = تحقّق
step-passkey-instead = تسجيل الدخول بمفتاح مرور بدلًا من ذلك

## Consent (consent.html)

consent-title = هل تسمح لـ { $client }؟
consent-heading = يريد <strong>{ $client }</strong> الوصول إلى حسابك
consent-signed-in-as = مسجّل الدخول باسم { $username }.
consent-registered = سجّل هذا التطبيق نفسه بنفسه: لم يتحقق المسؤول لديك من اسمه. لا تتابع إلا إذا كنت تثق به.
consent-returns-to = سيعيدك إلى <strong>{ $host }</strong>.
consent-about = حول { $client }
consent-device = يطلب جهاز تسجيل الدخول باسمك. لا تسمح بذلك إلا إذا كان يعرض الرمز <strong class="user-code">{ $code }</strong> وكنت أنت من بدأ تسجيل الدخول هذا.
consent-asking = يطلب { $client }:
consent-allow = السماح
consent-deny = الرفض
consent-link-homepage = الصفحة الرئيسية
consent-link-policy = سياسة الخصوصية
consent-link-tos = شروط الخدمة

## Sign-out (logout.html, signed_out.html)

logout-title = تسجيل الخروج
logout-heading = تسجيل الخروج؟
logout-signed-in-as = أنت مسجّل الدخول باسم <strong>{ $username }</strong>.
logout-signed-in-as-client = أنت مسجّل الدخول باسم <strong>{ $username }</strong>؛ وقد طلب <strong>{ $client }</strong> تسجيل خروجك.
logout-sign-out = تسجيل الخروج
signed-out-title = تم تسجيل الخروج
signed-out-heading = لقد سجّلت الخروج
signed-out-everywhere = انتهت كل جلسات حسابك، ويجب على التطبيقات التي استخدمتها أن تطلب منك تسجيل الدخول مرة أخرى.
signed-out-close = يمكنك إغلاق هذه النافذة، أو <a href="/login">تسجيل الدخول مرة أخرى</a>.

## No access to an application (no_access.html)

no-access-title = لا وصول إلى { $client }
no-access-heading = ليس لديك وصول إلى { $client }
no-access-message = أنت مسجّل الدخول باسم { $username }، وهذا الحساب غير مسموح له باستخدام { $client }. إن كان ينبغي السماح له، فاطلب من أحد المسؤولين إضافتك إلى إحدى مجموعاته.
no-access-back = العودة إلى { $client }

## Device sign-in (device.html, device_done.html)

device-title = تسجيل دخول جهاز
device-intro = أدخل الرمز الذي يعرضه جهازك (تلفاز، جهاز ألعاب، سطر أوامر…).
device-prefilled = جاء الرمز أدناه مع الرابط الذي اتبعته. لا تتابع إلا إذا كان جهازك يعرضه وكنت أنت من بدأ تسجيل الدخول هذا.
device-code = الرمز
device-continue = متابعة
device-another = تسجيل دخول جهاز آخر

## Returning to the application (form_post.html)

form-post-title = متابعة
form-post-heading = جارٍ إعادتك إلى التطبيق…
form-post-no-js = JavaScript معطّل: اضغط الزر للمتابعة.
form-post-continue = متابعة

## Scopes on the consent page (oidc::claims::describe)

scope-openid = تسجيل دخولك ومعرفة معرّف المستخدم الخاص بك
scope-profile = اسمك واسم المستخدم والصورة واللغة
scope-email = عنوان بريدك الإلكتروني
scope-phone = رقم هاتفك
scope-groups = المجموعات التي تنتمي إليها
scope-offline-access = البقاء مسجّل الدخول حين لا تستخدمه
scope-admin = إدارة Latchkey نيابةً عنك
scope-unknown = إذن غير معروف
scope-claims = بياناتك: { $claims }

## Messages of the sign-in flow (http::oidc, http::second_step)

flow-request-expired = انتهت صلاحية طلب تسجيل الدخول هذا أو اكتمل بالفعل. عُد إلى التطبيق وابدأ من جديد.
flow-redirect-uri-invalid = عنوان إعادة التوجيه غير صالح.
flow-request-malformed = طلب التفويض غير سليم.
flow-client-unknown = التطبيق الذي أرسلك إلى هنا غير مسجّل.
step-wrong-code = رمز غير صحيح. بعد عدة محاولات فاشلة يُقفل الحساب لفترة.
step-expired = انتهت صلاحية تسجيل الدخول هذا أو اكتمل بالفعل. سجّل الدخول مرة أخرى.
step-locked = محاولات فاشلة كثيرة جدًا: الحساب مقفل لفترة. سجّل الدخول لاحقًا.
step-wrong-enrol-code = هذا الرمز غير صحيح. اكتب الرمز الذي يعرضه تطبيق المصادقة الآن.
step-enrol-heading = إعداد عامل ثانٍ
step-enrol-intro = يتطلب تسجيل الدخول هذا عاملًا ثانيًا. أعدّ تطبيق مصادقة الآن؛ ومن ثم ستؤكد كل تسجيل دخول برمز منه.
logout-malformed = طلب تسجيل الخروج غير سليم.
logout-redirect-invalid = عنوان إعادة التوجيه بعد تسجيل الخروج غير صالح.
logout-needs-client = تتطلب إعادة التوجيه بعد تسجيل الخروج تطبيقًا معروفًا (client_id أو id_token_hint).
logout-redirect-unregistered = عنوان إعادة التوجيه بعد تسجيل الخروج غير مسجّل لهذا التطبيق.
logout-bad-hint = قيمة id_token_hint ليست رمز هوية صالحًا من هذا المزوّد.

## Device sign-in results (http::oidc::device)

device-wrong-code = هذا الرمز غير صالح. تحقّق من الرمز الذي يعرضه جهازك (تنتهي صلاحيته بعد بضع دقائق) وحاول مرة أخرى.
device-approved-title = تم تسجيل دخول الجهاز
device-approved = تم تسجيل دخول { $client } على جهازك. يمكنك إغلاق هذه الصفحة والعودة إليه.
device-denied-title = لم يتم تسجيل دخول الجهاز
device-denied = لقد رفضت وصول { $client }. لن يتم تسجيل دخول الجهاز.
device-refused-title = لم يتم تسجيل دخول { $client }
device-refused = لم يتم تسجيل دخول الجهاز: { $reason }.
device-gone-title = انتهت صلاحية الرمز
device-gone = انتهت صلاحية هذا الرمز أو استُخدم بالفعل. ابدأ من جديد على جهازك.

## Refused authorization requests (oidc::authorize, oidc::par; shown on the error page)

authorize-param-too-long = أحد معاملات الطلب طويل جدًا.
authorize-no-client = لا يحدد الطلب أي تطبيق (client_id مفقود).
authorize-no-redirect-uri = لا يحتوي الطلب على redirect_uri.
authorize-redirect-unregistered = عنوان إعادة التوجيه في الطلب غير مسجّل لهذا التطبيق.
authorize-pushed-unusable = انتهت صلاحية طلب تسجيل الدخول هذا أو استُخدم بالفعل (invalid_request_uri). عُد إلى التطبيق وابدأ من جديد.

## E-mails (mail.rs): subjects and bodies, plain text; lines are kept as written

mail-invite-subject = دعوتك إلى { $site }
mail-invite-body =
    تمت دعوتك لتسجيل الدخول إلى { $site }.

    افتح هذا الرابط لإنشاء مفتاح مرور أو تعيين كلمة مرور:

    { $url }

    يعمل الرابط مرة واحدة وتنتهي صلاحيته في { $expires }.
    إذا لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة.
mail-recovery-subject = استعادة حسابك في { $site }
mail-recovery-body =
    أنشأ أحد المسؤولين رابطًا لاستعادة حسابك في { $site }.

    افتح هذا الرابط لإنشاء مفتاح مرور جديد أو تعيين كلمة مرور جديدة:

    { $url }

    يعمل الرابط مرة واحدة وتنتهي صلاحيته في { $expires }.
    إذا لم تطلب ذلك، فأبلغ المسؤول لديك.
mail-self-recovery-when-delayed =
    حفاظًا على أمانك لا يبدأ الرابط بالعمل إلا في { $from }
    ثم يعمل مرة واحدة حتى { $expires }.
mail-self-recovery-when = يعمل الرابط مرة واحدة وتنتهي صلاحيته في { $expires }.
mail-self-recovery-cancel-delayed =
    إذا لم تطلب ذلك، فقد يحاول شخص ما الاستيلاء على
    حسابك: سجّل الدخول كالمعتاد قبل { $from }، وافتح صفحة حسابك
    ({ $issuer }/account) واضغط «إلغاء الاستعادة».
mail-self-recovery-cancel = إذا لم تطلب ذلك، فأبلغ المسؤول لديك فورًا.
mail-self-recovery-body =
    طلب شخص ما، ربما أنت، من صفحة تسجيل الدخول في { $site } رابطًا
    لاستعادة الحساب { $username } الذي فُقد مفتاح مروره أو كلمة مروره.

    افتح هذا الرابط لإنشاء مفتاح مرور جديد أو تعيين كلمة مرور جديدة:

    { $url }

    { $when }
    استخدامه يسجّل خروج الحساب من كل مكان.

    { $cancel }
mail-verify-subject = تحقّق من عنوان بريدك الإلكتروني في { $site }
mail-verify-body =
    طلب شخص ما، ربما أنت، التحقق من عنوان البريد الإلكتروني هذا
    لحساب في { $site }.

    افتح هذا الرابط وأكّد:

    { $url }

    يعمل الرابط مرة واحدة وتنتهي صلاحيته في { $expires }.
    إذا لم تطلب ذلك، فتجاهل هذه الرسالة.
mail-signup-subject = أنشئ حسابك في { $site }
mail-signup-approved = تمت الموافقة على طلبك للحساب { $username } في { $site }.
mail-signup-asked =
    طلب شخص ما، ربما أنت، إنشاء الحساب { $username } في { $site }
    بعنوان البريد الإلكتروني هذا.
mail-signup-body =
    { $opening }

    افتح هذا الرابط للإنهاء: أنشئ مفتاح مرور أو عيّن كلمة مرور.

    { $url }

    يعمل الرابط مرة واحدة وتنتهي صلاحيته في { $expires }.
    لا يوجد أي حساب حتى يُستخدم. إذا لم تطلب ذلك،
    فتجاهل هذه الرسالة.
mail-signup-verify-subject = أكّد تسجيلك في { $site }
mail-signup-verify-body =
    طلب شخص ما، ربما أنت، إنشاء الحساب { $username } في { $site }
    بعنوان البريد الإلكتروني هذا.

    افتح هذا الرابط وأكّد الطلب:

    { $url }

    يعمل الرابط مرة واحدة وتنتهي صلاحيته في { $expires }. ثم يراجع أحد المسؤولين
    الطلب؛ وإذا تمت الموافقة عليه ستتلقى رسالة أخرى
    تتضمن رابطًا لإنشاء مفتاح المرور أو كلمة المرور.
    إذا لم تطلب ذلك، فتجاهل هذه الرسالة.
mail-signup-existing-subject = حسابك في { $site }
mail-signup-existing-body =
    طلب شخص ما، ربما أنت، إنشاء حساب في { $site } بعنوان البريد
    الإلكتروني هذا. لديك حساب بالفعل بهذا العنوان، لذا لم يُنشأ
    أي حساب جديد.

    سجّل الدخول كالمعتاد في { $issuer }/login . إذا فقدت مفتاح المرور أو
    نسيت كلمة المرور، فاضغط «هل فقدت مفتاح المرور؟» في صفحة تسجيل الدخول
    ({ $issuer }/recover) للحصول على رابط استعادة؛ وإذا لم يصل أي رابط، فاسأل
    المسؤول لديك.

    إذا لم تطلب ذلك، فتجاهل هذه الرسالة.
mail-change-subject = تغيّرت طرق تسجيل الدخول الخاصة بك في { $site }
mail-change-passkey-added = أُضيف مفتاح مرور إلى حسابك { $username } في { $site }{ $detail }.
mail-change-passkey-removed = أُزيل مفتاح مرور من حسابك { $username } في { $site }{ $detail }.
mail-change-password-set = عُيّنت كلمة مرور لحسابك { $username } في { $site }{ $detail }.
mail-change-password-changed = تم تغيير كلمة مرور حسابك { $username } في { $site }{ $detail }.
mail-change-password-removed = أُزيلت كلمة مرور حسابك { $username } في { $site }{ $detail }.
mail-change-authenticator-added = أُعدّ تطبيق مصادقة لحسابك { $username } في { $site }{ $detail }.
mail-change-authenticator-removed = أُزيل تطبيق المصادقة والرموز الاحتياطية من حسابك { $username } في { $site }{ $detail }.
mail-change-second-factor-reset = أزال أحد المسؤولين تطبيق المصادقة والرموز الاحتياطية من حسابك { $username } في { $site }{ $detail }.
mail-change-body =
    { $what }

    إذا كنت أنت من فعل ذلك، فلا حاجة لأي إجراء.
    وإن لم تكن أنت، فقد يستخدم شخص آخر حسابك: أبلغ
    المسؤول لديك فورًا.

## Account recovery (recover.html)

recover-title = استعادة حسابك
recover-sent = إذا كان هذا العنوان تابعًا لحساب وتم التحقق منه، فإن رابط الاستعادة في طريقه إليه.
recover-sent-delay = حفاظًا على أمانك لا يبدأ الرابط بالعمل إلا بعد { $delay } من إرساله. وخلال ذلك يمكن لصاحب الحساب إلغاؤه بتسجيل الدخول.
recover-no-mail = لم يصل بريد خلال بضع دقائق؟ إذن لا يمكن إرسال رابط إلى هذا العنوان: اطلب من المسؤول لديك مساعدتك في استعادة حسابك.
recover-back = العودة إلى تسجيل الدخول
recover-intro = هل فقدت مفتاح المرور أو نسيت كلمة المرور؟ اكتب عنوان البريد الإلكتروني لحسابك وسنرسل إليك رابطًا لإضافة مفتاح مرور جديد أو تعيين كلمة مرور جديدة.
recover-delay = حفاظًا على أمانك لا يبدأ الرابط بالعمل إلا بعد { $delay } من إرساله.
recover-email = البريد الإلكتروني
recover-send = إرسال رابط الاستعادة
recover-verified-only = لا تتلقى رابطًا إلا العناوين التي تم التحقق منها. إن لم يكن عنوانك كذلك، فاطلب المساعدة من المسؤول لديك.

## Sign-up (signup.html, signup_verify.html)

signup-title = إنشاء حساب
signup-check-mail = تحقّق من بريدك.
signup-sent-approval = إذا كان العنوان يستقبل البريد، فإن رسالة تتضمن رابطًا لتأكيد طلبك في طريقها إليه. بعد تأكيدك يراجع أحد المسؤولين الطلب؛ وإذا تمت الموافقة عليه ستتلقى رسالة ثانية تتضمن رابطًا لإنشاء مفتاح المرور أو كلمة المرور.
signup-sent-link = إذا كان العنوان يستقبل البريد، فإن رسالة تتضمن رابطًا لإكمال إنشاء حسابك في طريقها إليه. يعمل الرابط مرة واحدة خلال 24 ساعة.
signup-sent-existing = إذا كان العنوان تابعًا لحساب بالفعل، فستذكر الرسالة ذلك بدلًا من هذا، وكيفية العودة إليه.
signup-intro-approval = اطلب حسابًا: نرسل إليك رابطًا لتأكيد عنوانك، ثم يراجع أحد المسؤولين طلبك.
signup-intro-domains = يمكن للعناوين في { $domains } إنشاء حساب: نرسل إليك رابطًا لإكماله بمفتاح مرور أو كلمة مرور.
signup-username = اسم المستخدم
signup-username-hint = أحرف لاتينية صغيرة وأرقام و'.' و'_' و'-' و'@'؛ تسجّل الدخول به.
signup-email = البريد الإلكتروني
signup-name = الاسم
signup-name-hint = اختياري: كيف تحيّيك التطبيقات.
signup-submit = التسجيل
signup-verify-title = أكّد تسجيلك
signup-verify-done-heading = تم تأكيد التسجيل
signup-verify-done = شكرًا: تم تأكيد طلبك للحساب <strong>{ $username }</strong>.
signup-verify-review = يراجعه أحد المسؤولين الآن. وإذا تمت الموافقة عليه، ستتلقى رسالة تتضمن رابطًا لإنشاء مفتاح المرور أو كلمة المرور.
signup-verify-confirm-text = أكّد أنك طلبت الحساب <strong>{ $username }</strong> بعنوان البريد الإلكتروني <strong>{ $email }</strong>. ثم يراجع أحد المسؤولين الطلب.
signup-verify-confirm = تأكيد
signup-verify-ignore = إذا لم تطلب ذلك، فأغلق هذه الصفحة: لن يحدث شيء.

## E-mail address verification (verify_email.html)

verify-email-title = تحقّق من عنوان بريدك الإلكتروني
verify-email-done-heading = تم التحقق من عنوان البريد الإلكتروني
verify-email-done = تم التحقق من عنوان بريدك الإلكتروني <strong>{ $email }</strong>.
verify-email-go-account = الانتقال إلى حسابك
verify-email-sign-in-text = يتحقق هذا الرابط من <strong>{ $email }</strong> لحساب ما. سجّل الدخول إلى ذلك الحساب لتأكيده؛ وإذا لم تطلبه، فتجاهله.
verify-email-sign-in = سجّل الدخول للتأكيد
verify-email-confirm-text = أكّد أن <strong>{ $email }</strong> هو عنوان البريد الإلكتروني لحسابك <strong>{ $username }</strong>.
verify-email-submit = التحقق من عنوان البريد الإلكتروني

## Authenticator app and backup codes (totp_enrol.html, backup_codes.html)

totp-title = إعداد تطبيق مصادقة
totp-scan-heading = 1. أضف هذا الحساب إلى تطبيقك
totp-scan = امسح رمز QR بتطبيق مصادقة (مثل Aegis أو Google Authenticator أو Microsoft Authenticator أو 1Password).
totp-type-key = أو اكتب هذا المفتاح في التطبيق (مبني على الوقت، 6 أرقام، كل 30 ثانية):
totp-verify-heading = 2. أدخل الرمز الذي يعرضه التطبيق
totp-code = الرمز
totp-verify = تحقّق
totp-cancel = إلغاء
backup-title = رموزك الاحتياطية
backup-keep = احفظ هذه الرموز في مكان آمن، مثل مدير كلمات المرور أو على ورق. يعمل كل منها مرة واحدة بدلًا من رمز تطبيق المصادقة إذا فقدته. لن تُعرض إلا الآن.
backup-heading = الرموز الاحتياطية
backup-continue = متابعة

## Invites and recovery links (invite.html)

invite-title-recovery = إضافة طريقة لتسجيل الدخول
invite-title-signup = إكمال إنشاء حسابك
invite-title = قبول دعوتك
invite-recovery-text = يتيح هذا الرابط لـ <strong>{ $username }</strong> إضافة مفتاح مرور جديد.
invite-recovery-text-password = يتيح هذا الرابط لـ <strong>{ $username }</strong> إضافة مفتاح مرور جديد أو تعيين كلمة مرور جديدة.
invite-welcome = مرحبًا، { $username }
invite-signup-text = أكمل إنشاء حسابك <strong>{ $username }</strong>: أنشئ مفتاح مرور أو عيّن كلمة مرور.
invite-signup-text-email = أكمل إنشاء حسابك <strong>{ $username }</strong> ({ $email }): أنشئ مفتاح مرور أو عيّن كلمة مرور.
invite-text = تمت دعوتك لإنشاء حساب باسم المستخدم <strong>{ $username }</strong>.
invite-text-email = تمت دعوتك لإنشاء حساب باسم المستخدم <strong>{ $username }</strong> ({ $email }).
invite-admin = ستكون مسؤولًا.
invite-expires = يعمل هذا الرابط مرة واحدة وتنتهي صلاحيته { $expires }.
invite-passkey-heading = مفتاح المرور
invite-passkey-text = يتيح لك مفتاح المرور تسجيل الدخول بقفل شاشة جهازك أو بمفتاح أمان، دون كلمة مرور.
invite-create-passkey = إنشاء مفتاح مرور
invite-password-heading = كلمة المرور
invite-new-password = كلمة المرور الجديدة
invite-confirm-password = تأكيد كلمة المرور
invite-set-password = تعيين كلمة المرور

## Notices and refusals of the account page and of links (http::account, invite, signup, verify_email)

notice-profile-saved = تم حفظ ملفك الشخصي.
notice-password-saved = تم حفظ كلمة المرور. وتم تسجيل الخروج من جلساتك الأخرى.
notice-password-removed = تمت إزالة كلمة المرور.
notice-passkey-renamed = تمت إعادة تسمية مفتاح المرور.
notice-passkey-removed = تمت إزالة مفتاح المرور.
notice-passkey-added = مفتاح المرور الجديد جاهز.
notice-session-ended = تم تسجيل الخروج من تلك الجلسة.
notice-app-revoked = تم إلغاء وصول التطبيق.
notice-verification-sent = رابط التحقق في طريقه إلى عنوان بريدك الإلكتروني.
notice-totp-enrolled = تم إعداد تطبيق المصادقة.
notice-backup-codes = رموزك الاحتياطية الجديدة جاهزة؛ ولم تعد القديمة تعمل.
notice-totp-removed = تمت إزالة تطبيق المصادقة والرموز الاحتياطية.
notice-recovery-cancelled = تم إلغاء الاستعادة: لم يعد رابطها يعمل.
password-mismatch = كلمتا المرور غير متطابقتين.
totp-wrong-code = هذا الرمز غير صحيح. تحقّق من الوقت على جهازك وأدخل الرمز الذي يعرضه التطبيق الآن.
invite-invalid = رابط الدعوة هذا غير صالح. تحقّق من أنك نسخت الرابط كاملًا، أو اطلب دعوة جديدة.
invite-used = استُخدمت هذه الدعوة بالفعل. سجّل الدخول بدلًا من ذلك، أو اطلب دعوة جديدة.
invite-revoked = سُحبت هذه الدعوة. اطلب دعوة جديدة من المسؤول لديك.
invite-expired = انتهت صلاحية هذه الدعوة. اطلب دعوة جديدة من المسؤول لديك.
invite-not-yet = حفاظًا على أمانك لا يعمل رابط الاستعادة هذا إلا بعد فترة انتظار؛ وتذكر الرسالة التي جاءت به موعدها. افتحه مرة أخرى حينها. وإذا لم تطلبه، فسجّل الدخول وألغِ الاستعادة من صفحة حسابك.
invite-second-factor = هذا الحساب محمي بتطبيق مصادقة لا يمكن لرابط مرسل بالبريد أن يحل محله. سجّل الدخول بكلمة المرور وتطبيق المصادقة أو برمز احتياطي، أو اطلب من المسؤول لديك استعادة حسابك.
invite-role-holder = يدير هذا الحساب Latchkey، وهو ما لا يمكن لرابط مرسل بالبريد أن ينقله. اطلب من مسؤول آخر استعادة حسابك، أو شغّل latchkey user recover على الخادم.
invite-username-taken = أصبح اسم المستخدم المدعو ملكًا لشخص آخر. اطلب دعوة جديدة من المسؤول لديك.
invite-signup-taken = أخذ شخص آخر اسم المستخدم هذا بعد طلبك له، لذا لم يُنشأ أي حساب. سجّل مرة أخرى باسم مستخدم آخر.
invite-account-gone = الحساب الذي كانت هذه الدعوة له لم يعد موجودًا.
signup-already-confirmed = تم تأكيد طلب التسجيل هذا بالفعل. سيراجعه أحد المسؤولين؛ وستتلقى رسالة إذا تمت الموافقة عليه.
signup-link-expired = انتهت صلاحية رابط التأكيد هذا. سجّل مرة أخرى للحصول على رابط جديد.
signup-link-invalid = رابط التأكيد هذا غير صالح. تحقّق من أنك نسخت الرابط كاملًا، أو سجّل مرة أخرى.
verify-link-used = استُخدم رابط التحقق هذا بالفعل. إذا لم يتم التحقق من عنوانك بعد، فاطلب رابطًا جديدًا من صفحة حسابك.
verify-link-expired = انتهت صلاحية رابط التحقق هذا. اطلب رابطًا جديدًا من صفحة حسابك.
verify-link-stale = أُرسل هذا الرابط إلى عنوان لم يعد عنوان حسابك. اطلب رابطًا جديدًا من صفحة حسابك.
verify-link-other-account = أُرسل رابط التحقق هذا لحساب غير الحساب الذي سجّلت الدخول به. إذا لم تطلبه، فقد كتب شخص ما عنوانك في حسابه: تجاهله.
verify-link-sign-in = سجّل الدخول إلى الحساب الذي أُرسل له رابط التحقق هذا، ثم افتح الرابط مرة أخرى. وإذا لم تطلبه، فتجاهله.
verify-link-invalid = رابط التحقق هذا غير صالح. تحقّق من أنك نسخت الرابط كاملًا، أو اطلب رابطًا جديدًا من صفحة حسابك.
csrf-expired = انتهت صلاحية هذا النموذج أو جاء من موقع آخر. عُد إلى الخلف وأعد تحميل الصفحة وحاول مرة أخرى.

## Passkey messages (http::webauthn, shown by webauthn.js)

passkey-reauth = يرجى تأكيد هويتك: سجّل الدخول مرة أخرى.
passkey-not-found = غير موجود.
passkey-expired = انتهت صلاحية طلب مفتاح المرور هذا. يرجى المحاولة مرة أخرى.
passkey-refused = تعذّر استخدام مفتاح المرور هذا لتسجيل الدخول هنا.
passkey-duplicate = مفتاح المرور هذا مسجّل بالفعل.
passkey-other-site = جاء هذا الطلب من موقع آخر.
passkey-session-ended = انتهت جلستك. يرجى تسجيل الدخول مرة أخرى.
passkey-reauth-add = يرجى تأكيد هويتك: سجّل الدخول مرة أخرى لإضافة مفتاح مرور.
invite-invalid-short = رابط الدعوة هذا غير صالح.
invite-used-short = استُخدمت هذه الدعوة بالفعل.
invite-revoked-short = سُحبت هذه الدعوة.
invite-expired-short = انتهت صلاحية هذه الدعوة.
invite-second-factor-short = هذا الحساب محمي بتطبيق مصادقة لا يمكن لرابط مرسل بالبريد أن يحل محله: اطلب من المسؤول لديك استعادة حسابك.
invite-role-holder-short = يدير هذا الحساب Latchkey، وهو ما لا يمكن لرابط مرسل بالبريد أن ينقله: اطلب من مسؤول آخر استعادة حسابك.
invite-username-taken-short = أصبح اسم المستخدم المدعو ملكًا لشخص آخر.

## Titles of refused links (http::invite, signup, verify_email)

invite-not-found-title = الدعوة غير موجودة
invite-used-title = الدعوة مستخدمة بالفعل
invite-revoked-title = الدعوة مسحوبة
invite-expired-title = انتهت صلاحية الدعوة
invite-not-yet-title = رابط الاستعادة غير قابل للاستخدام بعد
invite-second-factor-title = الاستعادة تحتاج إلى المسؤول لديك
invite-role-holder-title = الاستعادة تحتاج إلى مسؤول آخر
invite-username-taken-title = اسم المستخدم مأخوذ
invite-account-exists-title = الحساب موجود
invite-account-gone-title = الحساب محذوف
link-already-confirmed-title = مؤكد بالفعل
link-expired-title = انتهت صلاحية الرابط
link-invalid-title = الرابط غير صالح
link-used-title = الرابط مستخدم بالفعل
link-address-changed-title = تغيّر العنوان
link-other-account-title = رابط لحساب آخر
link-sign-in-first-title = سجّل الدخول أولًا
invite-address-taken = يوجد حساب بعنوان البريد الإلكتروني هذا بالفعل، لذا لم يُنشأ أي حساب. سجّل الدخول، أو اضغط «هل فقدت مفتاح المرور؟» في صفحة تسجيل الدخول.

## Account page (account.html)

account-title = حسابك
nav-main = القائمة الرئيسية
nav-administration = الإدارة
nav-account = الحساب
account-signed-in-as = مسجّل الدخول باسم <strong>{ $username }</strong>.
account-recovery-heading = طُلبت استعادة الحساب
account-recovery-asked = في { $requested } طلب شخص ما من صفحة تسجيل الدخول رابطًا لاستعادة هذا الحساب، وأُرسل إلى عنوان بريدك الإلكتروني.
account-recovery-from = يبدأ بالعمل في { $start } وتنتهي صلاحيته في { $expires }. استخدامه يسجّل خروج هذا الحساب من كل مكان.
account-recovery-now = يعمل الآن وتنتهي صلاحيته في { $expires }. استخدامه يسجّل خروج هذا الحساب من كل مكان.
account-recovery-not-you = إن لم تكن أنت، فألغِها، وفكّر في تغيير كلمة مرور حساب بريدك الإلكتروني.
account-recovery-cancel = إلغاء الاستعادة
account-passkeys = مفاتيح المرور
account-col-name = الاسم
account-col-created = أُنشئ
account-col-last-used = آخر استخدام
account-col-actions = الإجراءات
account-never = أبدًا
account-rename-label = اسم جديد لـ { $name }
account-rename-aria = إعادة تسمية { $name }
account-rename = إعادة التسمية
account-remove = إزالة
account-no-passkeys = ليس لديك مفاتيح مرور بعد.
account-add-passkey = إضافة مفتاح مرور
account-password = كلمة المرور
account-current-password = كلمة المرور الحالية
account-new-password = كلمة المرور الجديدة
account-confirm-password = تأكيد كلمة المرور
account-change-password = تغيير كلمة المرور
account-set-password = تعيين كلمة المرور
account-remove-password = إزالة كلمة المرور
account-totp = تطبيق المصادقة
account-totp-on = تم إعداد تطبيق مصادقة. الرموز الاحتياطية المتبقية: <strong>{ $left }</strong>.
account-totp-off = لم يتم إعداد تطبيق مصادقة. مع وجوده، يطلب تسجيل الدخول بكلمة المرور أيضًا رمزًا من هاتفك.
account-totp-set-up = إعداد تطبيق مصادقة
account-totp-replace = يحل إعداد تطبيق آخر محل هذا التطبيق بمجرد التحقق من رمز منه.
account-regenerate-codes = إعادة إنشاء الرموز الاحتياطية
account-remove-totp = إزالة تطبيق المصادقة
account-sessions = الجلسات النشطة
account-unknown-browser = متصفح غير معروف
account-session-from = من { $ip }
account-session-times = سجّل الدخول { $created }، آخر ظهور { $seen }
account-this-browser = (هذا المتصفح)
account-sign-out = تسجيل الخروج
account-apps = التطبيقات المتصلة
account-col-application = التطبيق
account-col-access = الوصول
account-sign-in-only = تسجيل الدخول فقط
account-revoke = إلغاء الوصول
account-no-apps = لا توجد تطبيقات لها وصول إلى حسابك.
account-everywhere-text = ينهي كل جلسات حسابك، بما فيها هذه، ويجعل كل تطبيق يطلب منك تسجيل الدخول مرة أخرى.
account-sign-out-everywhere = تسجيل الخروج من كل مكان
account-profile = الملف الشخصي
account-full-name = الاسم الكامل
account-given-name = الاسم الأول
account-family-name = اسم العائلة
account-nickname = اللقب
account-email = البريد الإلكتروني
account-verified = تم التحقق
account-not-verified = لم يتم التحقق
account-verify-email = التحقق من عنوان البريد الإلكتروني
account-phone = الهاتف
account-picture = رابط الصورة
account-locale = اللغة
account-save-profile = حفظ الملف الشخصي

## Administration navigation (admin_layout.html); the management pages follow at the end

admin-nav = الإدارة
admin-nav-users = المستخدمون
admin-nav-groups = المجموعات
admin-nav-clients = العملاء
admin-nav-invites = الدعوات
admin-nav-signups = طلبات التسجيل
admin-nav-registration-tokens = رموز التسجيل
admin-nav-keys = المفاتيح
admin-nav-audit = سجل التدقيق
admin-nav-api-keys = مفاتيح API
admin-nav-account = الحساب

## Passkey messages of webauthn.js (data-msg-* on the passkey buttons)

passkey-js-cancelled = أُلغي طلب مفتاح المرور أو انتهت مهلته.
passkey-js-failed = تعذّر استخدام مفتاح المرور.
passkey-js-unsupported = لا يستطيع هذا المتصفح استخدام مفاتيح المرور.

## Password rules (auth::password::PolicyError, shown on the account and invite pages)

password-common = كلمة المرور هذه شائعة جدًا: فهي موجودة في قوائم كلمات المرور المسرّبة. اختر كلمة أخرى، مثل بضع كلمات غير مترابطة.
password-too-short = يجب ألا تقل كلمة المرور عن 8 أحرف.
password-too-long = يجب ألا تزيد كلمة المرور عن 128 حرفًا.
password-is-username = يجب ألا تكون كلمة المرور هي اسم المستخدم.
## Branding: the header and footer of every page, client logos
header-sign-out = تسجيل الخروج
footer-help = المساعدة: { $contact }
client-logo-alt = شعار { $client }

# Recovery codes (/account, /recover)
recover-code-heading = هل لديك رمز استرداد؟
recover-code-intro = إذا أنشأت رموز استرداد في صفحة حسابك، فإن أحدها مع اسم المستخدم يتيح لك إضافة مفتاح مرور جديد أو تعيين كلمة مرور جديدة فورًا.
recover-code-label = رمز الاسترداد
recover-code-use = استخدام رمز الاسترداد
recover-code-no-match = اسم المستخدم ورمز الاسترداد غير متطابقين. يعمل كل رمز مرة واحدة؛ تحقق مما كتبته أو استخدم رمزًا آخر.
account-recovery-codes-heading = رموز الاسترداد
account-recovery-codes-left = رموز الاسترداد المتبقية: <strong>{ $left }</strong>. يتيح لك كل منها مع اسم المستخدم العودة إلى حسابك من صفحة <a href="/recover">هل فقدت مفتاح المرور؟</a> إذا فقدت كل مفاتيح المرور وكلمة المرور.
account-recovery-codes-none = لا توجد رموز استرداد. تتيح لك رموز الاسترداد العودة إلى حسابك من صفحة <a href="/recover">هل فقدت مفتاح المرور؟</a> إذا فقدت كل مفاتيح المرور وكلمة المرور، دون انتظار رابط بالبريد أو مسؤول.
account-recovery-codes-create = إنشاء رموز استرداد
account-recovery-codes-remove = إزالة رموز الاسترداد
notice-recovery-codes = رموز الاسترداد الجديدة جاهزة؛ لم تعد الرموز القديمة تعمل.
notice-recovery-codes-removed = أُزيلت رموز الاسترداد الخاصة بك.
error-no-recovery-codes = لا توجد رموز استرداد لإزالتها.
recovery-codes-title = رموز الاسترداد الخاصة بك
recovery-codes-keep = احتفظ بهذه الرموز في مكان آمن بعيدًا عن أجهزتك، مثل مدير كلمات المرور أو على الورق. إذا فقدت كل مفاتيح المرور وكلمة المرور، فإن أحدها مع اسم المستخدم يعيدك إلى حسابك من صفحة «هل فقدت مفتاح المرور؟». يعمل كل رمز مرة واحدة. لم تعد رموز الاسترداد الأقدم تعمل. تُعرض الآن فقط.
recovery-codes-heading = رموز الاسترداد
mail-change-recovery-codes-created = أُنشئت رموز استرداد جديدة لحسابك { $username } في { $site }{ $detail }.
mail-change-recovery-code-used = استُخدم رمز استرداد لبدء استرداد حسابك { $username } في { $site }{ $detail }.

## Management pages (admin_*.html): shared words

admin-pages = الصفحات
admin-previous-page = الصفحة السابقة
admin-next-page = الصفحة التالية
admin-col-status = الحالة
admin-col-state = الحالة
admin-col-actions = الإجراءات
admin-col-created = تاريخ الإنشاء
admin-col-expires = تاريخ الانتهاء
admin-col-last-used = آخر استخدام
admin-never = أبدًا
admin-revoke = إلغاء
admin-remove = إزالة
admin-field-username = اسم المستخدم
admin-field-name = الاسم
admin-field-full-name = الاسم الكامل
admin-field-email = البريد الإلكتروني
admin-field-groups = المجموعات
admin-field-groups-list = المجموعات (مفصولة بفواصل)
admin-field-role = الدور
admin-field-administrator = مسؤول
admin-field-description = الوصف
admin-field-attributes = السمات
admin-field-require-mfa = اشتراط عامل ثانٍ
admin-save-attributes = حفظ السمات
admin-role-none = لا شيء
admin-role-owner = المالك
admin-role-admin = مسؤول
admin-role-user-manager = مدير المستخدمين
admin-role-client-manager = مدير العملاء
admin-role-auditor = مدقّق

## Users (admin_users.html)

admin-users-title = المستخدمون
admin-users-search-label = البحث عن مستخدمين
admin-users-search = بحث
admin-users-total = { $count ->
    [zero] لا يوجد مستخدمون.
    [one] مستخدم واحد.
    [two] مستخدمان.
    [few] { $count } مستخدمين.
    [many] { $count } مستخدمًا.
   *[other] { $count } مستخدم.
}
admin-users-total-matching = { $count ->
    [zero] لا يوجد مستخدمون يطابقون «{ $query }».
    [one] مستخدم واحد يطابق «{ $query }».
    [two] مستخدمان يطابقان «{ $query }».
    [few] { $count } مستخدمين يطابقون «{ $query }».
    [many] { $count } مستخدمًا يطابقون «{ $query }».
   *[other] { $count } مستخدم يطابقون «{ $query }».
}
admin-user-active = نشط
admin-user-disabled = معطّل
admin-users-create-heading = إنشاء مستخدم
admin-users-create-hint = من الأفضل عادةً <a href="/admin/invites">إرسال دعوة</a>، ليختار الأشخاص مفتاح المرور أو كلمة المرور بأنفسهم.
admin-users-initial-password = كلمة المرور الأولية (اختيارية)
admin-users-create = إنشاء المستخدم

## A user (admin_user.html)

admin-user-id = معرّف المستخدم <code>{ $id }</code>
admin-user-created = أُنشئ في { $date }
admin-user-passkey-count = { $count ->
    [zero] لا مفاتيح مرور
    [one] مفتاح مرور واحد
    [two] مفتاحا مرور
    [few] { $count } مفاتيح مرور
    [many] { $count } مفتاح مرور
   *[other] { $count } مفتاح مرور
}
admin-user-has-password = لديه كلمة مرور
admin-user-no-password = بلا كلمة مرور
admin-user-recovery-link = رابط الاستعادة
admin-user-recovery-emailed = أُرسل الرابط بالبريد الإلكتروني إلى { $email }. يعمل مرة واحدة حتى { $expires }، ويُعرض هنا أيضًا الآن فقط.
admin-user-recovery-send = أرسل هذا الرابط إلى { $username }؛ يُعرض الآن فقط ويعمل مرة واحدة حتى { $expires }.
admin-user-profile = الملف الشخصي
admin-user-given-name = الاسم الأول
admin-user-family-name = اسم العائلة
admin-user-nickname = اللقب
admin-user-email-verified = تم التحقق من البريد الإلكتروني
admin-user-phone = الهاتف
admin-user-phone-verified = تم التحقق من الهاتف
admin-user-picture = رابط الصورة
admin-user-locale = اللغة
admin-user-save-profile = حفظ الملف الشخصي
admin-user-groups-label = المجموعات (مفصولة بفواصل؛ لا تمنح المجموعات أي صلاحيات إدارية: الأدوار هي التي تمنحها)
admin-user-save-groups = حفظ المجموعات
admin-user-save-role = حفظ الدور
admin-user-attributes-label = السمات (كائن JSON؛ تتقدّم على سمات مجموعات المستخدم وتصل إلى العملاء الذين يُصدرها تعيين المطالبات لديهم)
admin-user-sessions = الجلسات
admin-user-col-signed-in = تسجيل الدخول
admin-user-col-last-seen = آخر نشاط
admin-user-col-address = العنوان
admin-user-col-browser = المتصفح
admin-user-col-methods = الطرق
admin-user-end-session-aria = إنهاء الجلسة المسجّلة في { $created } من { $ip }
admin-user-end-session-aria-unknown = إنهاء الجلسة المسجّلة في { $created } من عنوان غير معروف
admin-user-end-session = إنهاء الجلسة
admin-user-end-all-sessions = إنهاء كل الجلسات
admin-user-end-all-hint = ينهي كل الجلسات ويلغي أيضًا الرموز المميزة التي تحملها تطبيقات المستخدم. أما <strong>إنهاء الجلسة</strong> فيسجّل الخروج من متصفح واحد فقط.
admin-user-no-sessions = لا توجد جلسات نشطة.
admin-user-passkeys = مفاتيح المرور
admin-user-remove-passkey-aria = إزالة مفتاح المرور { $name }
admin-user-last-method = <strong>تحذير:</strong> هذه هي الطريقة الوحيدة لتسجيل دخول هذا المستخدم. بعد إزالتها لن يتمكن من تسجيل الدخول حتى يستخدم رابط استعادة.
admin-user-no-passkeys = لا توجد مفاتيح مرور.
admin-user-second-factor = العامل الثاني
admin-user-totp-on = { $count ->
    [zero] تم إعداد تطبيق المصادقة؛ لم يتبقَّ أي رمز احتياطي.
    [one] تم إعداد تطبيق المصادقة؛ تبقّى رمز احتياطي واحد.
    [two] تم إعداد تطبيق المصادقة؛ تبقّى رمزان احتياطيان.
    [few] تم إعداد تطبيق المصادقة؛ تبقّت { $count } رموز احتياطية.
   *[other] تم إعداد تطبيق المصادقة؛ تبقّى { $count } رمزًا احتياطيًا.
}
admin-user-totp-off = { $count ->
    [zero] لا يوجد تطبيق مصادقة؛ لم يتبقَّ أي رمز احتياطي.
    [one] لا يوجد تطبيق مصادقة؛ تبقّى رمز احتياطي واحد.
    [two] لا يوجد تطبيق مصادقة؛ تبقّى رمزان احتياطيان.
    [few] لا يوجد تطبيق مصادقة؛ تبقّت { $count } رموز احتياطية.
   *[other] لا يوجد تطبيق مصادقة؛ تبقّى { $count } رمزًا احتياطيًا.
}
admin-user-second-factor-none = لم يُعدّ شيء.
admin-user-reset-confirm = نعم، أزل تطبيق المصادقة والرموز الاحتياطية ورموز الاسترداد لهذا المستخدم
admin-user-reset-second-factor = إعادة تعيين العامل الثاني
admin-user-access = الوصول
admin-user-email-link = إرسال الرابط بالبريد الإلكتروني إلى { $email }
admin-user-send-recovery = إرسال رابط الاستعادة
admin-user-disable = تعطيل
admin-user-enable = تفعيل
admin-user-delete = حذف المستخدم
admin-user-audit-events = أحداث التدقيق الخاصة بهذا المستخدم

## Clients (admin_clients.html)

admin-clients-title = العملاء
admin-clients-col-type = النوع
admin-clients-col-redirect-uris = عناوين إعادة التوجيه
admin-clients-may-administer = يمكنه إدارة Latchkey
admin-clients-resource-server = خادم موارد
admin-clients-registered-on = مسجّل ديناميكيًا في { $date }
admin-clients-register-heading = تسجيل عميل
admin-clients-public-label = عميل عام (تطبيق صفحة واحدة أو تطبيق أصلي: بلا سر، PKCE)
admin-clients-skip-consent-label = تخطي الموافقة (تطبيق تابع لك)
admin-clients-register = تسجيل العميل

## A client (admin_client.html)

admin-client-id-label = معرّف العميل
admin-client-id-code = معرّف العميل <code>{ $id }</code>
admin-client-public = عام
admin-client-confidential = سرّي
admin-client-public-fixed = عام (ثابت: سجّل عميلًا جديدًا لتغييره)
admin-client-confidential-fixed = سرّي (ثابت: سجّل عميلًا جديدًا لتغييره)
admin-client-grants = أنواع المنح { $grants }
admin-client-registered = مسجّل ديناميكيًا في { $date }: سجّل نفسه عبر <code>/register</code> ويدير تسجيله برمز الوصول الخاص بالتسجيل.
admin-client-admin-scope = <strong>يمكنه إدارة Latchkey:</strong> يُسمح لهذا العميل بالنطاق <code>latchkey:admin</code> (واجهة برمجة الإدارة). يُطلب من المستخدمين دائمًا الموافقة قبل أن يحصل عليه.
admin-client-resource-server-note = خادم موارد: يمكنه فحص الرموز المميزة الصادرة لعملاء آخرين.
admin-client-secret = سر العميل
admin-client-secret-once = انسخه الآن: لن يُعرض إلا مرة واحدة.
admin-client-settings = الإعدادات
admin-client-redirect-uris-label = عناوين إعادة التوجيه (عنوان في كل سطر)
admin-client-post-logout-uris-label = عناوين إعادة التوجيه بعد تسجيل الخروج (عنوان في كل سطر)
admin-client-skip-consent = تخطي الموافقة
admin-client-resource-server-label = خادم موارد (يمكنه فحص الرموز المميزة الصادرة لعملاء آخرين)
admin-client-client-credentials = السماح بمنح بيانات اعتماد العميل (client credentials)
admin-client-device-grant = السماح بمنح تفويض الأجهزة (أجهزة بلا متصفح، RFC 8628)
admin-client-refresh-tokens = يمكنه تلقي رموز التحديث (offline_access؛ يحتاج إلى عنوان إعادة توجيه)
admin-client-require-par = اشتراط طلبات التفويض المدفوعة (PAR، RFC 9126)
admin-client-require-dpop = اشتراط رموز مرتبطة بـ DPoP ‏(RFC 9449)
admin-client-scopes-label = نطاقات إضافية يمكنه طلبها (مفصولة بمسافات؛ latchkey:admin يتيح واجهة برمجة الإدارة)
admin-client-id-token-alg = خوارزمية توقيع رمز الهوية
admin-client-origins-label = أصول المتصفح المسموح بها (CORS؛ أصل في كل سطر، مثل https://app.example)
admin-client-origins-label-derived = أصول المتصفح المسموح بها (CORS؛ أصل في كل سطر، مثل https://app.example؛ عناوين إعادة التوجيه تسمح مسبقًا بـ { $origins })
admin-client-backchannel-uri-label = عنوان تسجيل الخروج عبر القناة الخلفية (يتلقى رمز تسجيل خروج عند انتهاء جلسة مستخدم؛ https، أو http على localhost)
admin-client-backchannel-sid = يجب أن تحمل رموز تسجيل الخروج الخاصة به معرّف الجلسة (sid)
admin-client-branding-legend = الهوية البصرية (عناوين https؛ تربط صفحات تسجيل الدخول والموافقة بالصفحة الرئيسية وسياسة الخصوصية والشروط)
admin-client-logo-uri-label = رابط الشعار (يُخزَّن ويُعاد إلى الأدوات، ولا يُحمَّل أبدًا: ارفع الشعار أدناه)
admin-client-homepage-label = رابط الصفحة الرئيسية
admin-client-policy-label = رابط سياسة الخصوصية
admin-client-tos-label = رابط شروط الخدمة
admin-client-save = حفظ العميل
admin-client-logo = الشعار
admin-client-logo-shown = يظهر في صفحات تسجيل الدخول والموافقة.
admin-client-no-logo = لا يوجد شعار: تعرض صفحات تسجيل الدخول والموافقة الاسم فقط.
admin-client-logo-file = ملف الشعار (PNG أو JPEG أو WebP أو SVG بلا نصوص برمجية؛ { $kib } KiB على الأكثر)
admin-client-upload-logo = رفع الشعار
admin-client-remove-logo = إزالة الشعار
admin-client-claims = المطالبات
admin-client-claim-mapping-label = تعيين المطالبات (JSON؛ ‏<code>{"{}"}</code> يعطي المطالبات الافتراضية)
admin-client-save-claim-mapping = حفظ تعيين المطالبات
admin-client-who-may-sign-in = من يمكنه تسجيل الدخول
admin-client-only-members = أعضاء { $groups } فقط.
admin-client-every-active-user = كل مستخدم نشط.
admin-client-allowed-groups-label = المجموعات المسموح بها (مفصولة بفواصل؛ فارغ: الجميع)
admin-client-save-allowed-groups = حفظ المجموعات المسموح بها
admin-client-keys = المفاتيح (private_key_jwt)
admin-client-authenticates-with = يصادق باستخدام <code>{ $method }</code>.
admin-client-key-ids = المفاتيح:
admin-client-jwks-label-replace = مجموعة JWK (مفاتيح عامة فقط؛ تحل محل المفاتيح الحالية فورًا)
admin-client-jwks-label-first = مجموعة JWK (مفاتيح عامة فقط؛ يصادق العميل بعدها بهذه المفاتيح ويتوقف سرّه عن العمل)
admin-client-replace-keys = استبدال المفاتيح
admin-client-backchannel = تسجيل الخروج عبر القناة الخلفية
admin-client-no-backchannel = لا يوجد عنوان لتسجيل الخروج عبر القناة الخلفية: لا يُبلَّغ العميل عند انتهاء الجلسات.
admin-client-col-session-ended = انتهاء الجلسة
admin-client-col-attempts = المحاولات
admin-client-col-last-error = آخر خطأ
admin-client-col-finished = الانتهاء أو المحاولة التالية
admin-client-next-attempt = التالية في { $date }
admin-delivery-pending = قيد الانتظار
admin-delivery-delivered = تم التسليم
admin-delivery-failed = فشل
admin-client-no-deliveries = لم تُرسَل أي رموز تسجيل خروج بعد.
admin-client-credentials = بيانات الاعتماد
admin-client-rotate-secret = تجديد السر
admin-client-delete = حذف العميل

## Connect an application (admin_client_connect.html, http::admin::connect)

admin-connect-heading = ربط تطبيق
admin-connect-intro = تحتاج معظم التطبيقات فقط إلى عنوان الاكتشاف ومعرّف العميل وسر العميل:
admin-connect-intro-public = تحتاج معظم التطبيقات فقط إلى عنوان الاكتشاف ومعرّف العميل:
admin-connect-discovery = عنوان الاكتشاف
admin-connect-issuer = المُصدِر
admin-connect-secret-none = لا يوجد (عميل عام: PKCE مع S256)
admin-connect-secret-above = معروض أعلاه
admin-connect-secret-placeholder = يُعرض مرة واحدة، عند إنشاء العميل أو تجديد سرّه؛ ويحل محله أدناه <code>&lt;client_secret&gt;</code>
admin-connect-auth = مصادقة العميل
admin-connect-authorization = نقطة نهاية التفويض
admin-connect-token = نقطة نهاية الرموز
admin-connect-userinfo = نقطة نهاية UserInfo
admin-connect-end-session = إنهاء الجلسة (تسجيل الخروج)
admin-connect-none-registered = لا يوجد عنوان مسجّل
admin-connect-scopes = النطاقات
admin-connect-and = و
admin-connect-more = المزيد في دليل التكامل (docs/integration.md في مستودع Latchkey).
admin-connect-app-spa = تطبيق صفحة واحدة (oidc-client-ts)
admin-connect-place-shell = سطر الأوامر
admin-connect-place-nextcloud = سطر الأوامر، داخل مجلد Nextcloud

## Groups (admin_groups.html, admin_group.html)

admin-groups-title = المجموعات
admin-groups-total = { $count ->
    [zero] لا توجد مجموعات. ينضم الأعضاء إلى مجموعة من صفحة المستخدم الخاصة بهم؛ ويمكن قصر عميل على مجموعات معينة.
    [one] مجموعة واحدة. ينضم الأعضاء إلى مجموعة من صفحة المستخدم الخاصة بهم؛ ويمكن قصر عميل على مجموعات معينة.
    [two] مجموعتان. ينضم الأعضاء إلى مجموعة من صفحة المستخدم الخاصة بهم؛ ويمكن قصر عميل على مجموعات معينة.
    [few] { $count } مجموعات. ينضم الأعضاء إلى مجموعة من صفحة المستخدم الخاصة بهم؛ ويمكن قصر عميل على مجموعات معينة.
   *[other] { $count } مجموعة. ينضم الأعضاء إلى مجموعة من صفحة المستخدم الخاصة بهم؛ ويمكن قصر عميل على مجموعات معينة.
}
admin-groups-col-members = الأعضاء
admin-groups-create-heading = إنشاء مجموعة
admin-groups-create = إنشاء المجموعة
admin-group-member-count = { $count ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $count } أعضاء
   *[other] { $count } عضوًا
}
admin-group-no-members = لا يوجد أعضاء. أضف الأشخاص من صفحة المستخدم الخاصة بهم.
admin-group-save-description = حفظ الوصف
admin-group-policy = سياسة تسجيل الدخول
admin-group-policy-hint = يؤكد الأعضاء حينها كل تسجيل دخول بتطبيق مصادقة أو رمز احتياطي، أو يسجّلون الدخول بمفتاح مرور؛ ومن ليس لديه عامل ثانٍ من الأعضاء يُعدّه مباشرة بعد كلمة المرور.
admin-group-save-policy = حفظ السياسة
admin-group-attributes-label = السمات (كائن JSON؛ يتلقاها الأعضاء ما لم يعيّنوا الأسماء نفسها، وبين المجموعات تفوز المجموعة التي يأتي اسمها أولًا في الترتيب)
admin-group-rename = إعادة التسمية
admin-group-new-name = الاسم الجديد
admin-group-rename-submit = إعادة تسمية المجموعة
admin-group-delete-heading = الحذف
admin-group-delete-confirm = { $count ->
    [zero] نعم، احذف هذه المجموعة (لا عضويات فيها)
    [one] نعم، احذف هذه المجموعة وعضويتها الوحيدة
    [two] نعم، احذف هذه المجموعة وعضويتيها
    [few] نعم، احذف هذه المجموعة وعضوياتها الـ { $count }
   *[other] نعم، احذف هذه المجموعة وعضوياتها البالغ عددها { $count }
}
admin-group-delete = حذف المجموعة

## Invites (admin_invites.html)

admin-invites-title = الدعوات
admin-invites-link = رابط الدعوة
admin-invites-emailed = أُرسلت الدعوة بالبريد الإلكتروني إلى { $email }. تعمل مرة واحدة حتى { $expires }، ويُعرض الرابط هنا أيضًا الآن فقط.
admin-invites-send = أرسل هذا الرابط إلى { $username }؛ يُعرض الآن فقط ويعمل مرة واحدة حتى { $expires }.
admin-invites-col-kind = النوع
admin-invites-kind-recovery = استعادة
admin-invites-kind-administrator = مسؤول
admin-invites-kind-new-account = حساب جديد
admin-invite-status-pending = معلّقة
admin-invite-status-used = مستخدمة
admin-invite-status-revoked = ملغاة
admin-invite-status-expired = منتهية الصلاحية
admin-invites-revoke-aria = إلغاء دعوة { $username }
admin-invites-create-heading = دعوة شخص
admin-invites-valid-hours = صالحة لمدة (ساعات)
admin-invites-send-email = الإرسال بالبريد الإلكتروني (إلى العنوان أعلاه)
admin-invites-create = إنشاء الدعوة

## Signing keys (admin_keys.html)

admin-keys-title = مفاتيح التوقيع
admin-keys-intro = تُوقَّع الرموز المميزة بأحدث مفتاح لخوارزميتها. يبقى المفتاح المستبدَل منشورًا في <code>/jwks</code> حتى تنتهي صلاحية كل رمز وقّعه، ثم يُحذف.
admin-keys-col-kid = معرّف المفتاح
admin-keys-col-alg = الخوارزمية
admin-keys-col-retired = تاريخ الإيقاف
admin-keys-signing = يوقّع الآن
admin-keys-published = منشور (يتحقق من الرموز الأقدم)
admin-keys-unpublished = لم يعد منشورًا
admin-keys-rotate-heading = التجديد
admin-keys-rotate-intro = يتولى المفتاح الجديد التوقيع فورًا؛ والأطراف المعتمِدة التي تخزّن <code>/jwks</code> مؤقتًا تجلبه عندما تصادف معرّفه.
admin-keys-rotate = تجديد مفتاح { $alg }

## Audit log (admin_audit.html)

admin-audit-title = سجل التدقيق
admin-audit-user-id = معرّف المستخدم
admin-audit-event = الحدث
admin-audit-from = من
admin-audit-to = إلى
admin-audit-filter = تصفية
admin-audit-total = { $count ->
    [zero] لا توجد أحداث. التواريخ بتوقيت UTC؛ و«إلى» يشمل اليوم كله.
    [one] حدث واحد. التواريخ بتوقيت UTC؛ و«إلى» يشمل اليوم كله.
    [two] حدثان. التواريخ بتوقيت UTC؛ و«إلى» يشمل اليوم كله.
    [few] { $count } أحداث. التواريخ بتوقيت UTC؛ و«إلى» يشمل اليوم كله.
   *[other] { $count } حدثًا. التواريخ بتوقيت UTC؛ و«إلى» يشمل اليوم كله.
}
admin-audit-col-when = الوقت
admin-audit-col-actor = المنفّذ
admin-audit-col-subject = المعنيّ
admin-audit-col-client = العميل
admin-audit-col-ip = من
admin-audit-col-details = التفاصيل

## API keys (admin_api_keys.html)

admin-api-keys-title = مفاتيح API
admin-api-keys-intro = يتيح مفتاح API لنص برمجي استدعاء واجهة برمجة الإدارة (<code>/api/admin/v1</code>) بصيغة <code>Authorization: Bearer lk_…</code>، بدور المفتاح. ولا يتجاوز المفتاح أبدًا صلاحيات من أنشأه.
admin-api-keys-new = مفتاح API جديد
admin-api-keys-created = يعمل مفتاح API ‏«{ $name }» ({ $role }) حتى { $expires }. انسخه الآن: لن يُعرض مرة أخرى.
admin-api-keys-key = مفتاح API
admin-api-keys-col-created-by = أنشأه
admin-api-key-state-active = نشط
admin-api-key-state-expired = منتهي الصلاحية
admin-api-key-state-revoked = ملغى
admin-api-keys-revoke-aria = إلغاء مفتاح API ‏{ $name }
admin-api-keys-create-heading = إنشاء مفتاح API
admin-api-keys-lifetime = مدة الصلاحية (بالأيام)
admin-api-keys-create = إنشاء مفتاح API

## Registration tokens (admin_registration_tokens.html)

admin-tokens-title = رموز التسجيل
admin-tokens-intro = تتيح رموز الوصول الأولية للأطراف المعتمِدة تسجيل نفسها عبر <code>{ $endpoint }</code> (التسجيل الديناميكي للعملاء).
admin-tokens-mode-token = يحتاج التسجيل إلى أحد هذه الرموز.
admin-tokens-mode-open = التسجيل مفتوح للجميع: لا حاجة إلى هذه الرموز.
admin-tokens-mode-off = التسجيل معطّل (<code>LATCHKEY_REGISTRATION=off</code>): لا تفعل هذه الرموز شيئًا حتى يُضبط على <code>token</code>.
admin-tokens-new = رمز جديد
admin-tokens-created = أعطِ هذا الرمز لمن يسجّل عميل (عملاء) «{ $name }»؛ يُعرض الآن فقط. يسجّل حتى { $uses } من العملاء، حتى { $expires }.
admin-tokens-col-uses-left = الاستخدامات المتبقية
admin-tokens-col-issued-by = أصدره
admin-token-status-active = نشط
admin-token-status-expired = منتهي الصلاحية
admin-token-status-used_up = مستنفد
admin-token-status-revoked = ملغى
admin-tokens-revoke-aria = إلغاء الرمز { $name }
admin-tokens-issue-heading = إصدار رمز
admin-tokens-valid-days = صالح لمدة (أيام)
admin-tokens-uses = عدد الاستخدامات
admin-tokens-issue = إصدار الرمز

## Sign-up requests (admin_signups.html)

admin-signups-title = طلبات التسجيل
admin-signups-intro = أشخاص طلبوا حسابًا عبر <code>/signup</code> وأكّدوا عنوان بريدهم الإلكتروني.
admin-signups-mode-approval = <strong>الموافقة</strong> ترسل إليهم رابطًا ينشئ الحساب بمفتاح مرور أو كلمة مرور (يعمل مرة واحدة، لمدة 24 ساعة)؛ و<strong>الرفض</strong> يحذف الطلب دون إرسال أي شيء. الطلبات التي لا يُبتّ فيها خلال 30 يومًا من تأكيدها تُسقَط.
admin-signups-mode-domain = التسجيل الذاتي مفتوح لنطاقات البريد الإلكتروني المضبوطة (<code>LATCHKEY_SIGNUP=email-domain</code>): لا أحد ينتظر موافقة.
admin-signups-mode-off = التسجيل الذاتي معطّل (<code>LATCHKEY_SIGNUP=off</code>).
admin-signups-col-asked = تاريخ الطلب
admin-signups-col-ip = من
admin-signups-approve = موافقة
admin-signups-approve-aria = الموافقة على { $username }
admin-signups-reject = رفض
admin-signups-reject-aria = رفض { $username }
admin-signups-none = لا توجد طلبات تسجيل بانتظار القرار.

## Notices and refusals of the management pages (http::admin)

admin-notice-created = تم الإنشاء.
admin-notice-saved = تم الحفظ.
admin-notice-logo-saved = حُفظ الشعار؛ وتعرضه صفحات تسجيل الدخول والموافقة.
admin-notice-logo-removed = أُزيل الشعار.
admin-notice-keys-replaced = استُبدلت المفاتيح؛ وتُرفض التأكيدات الموقّعة بالمفاتيح السابقة.
admin-notice-disabled = عُطّل المستخدم وسُجّل خروجه من كل مكان.
admin-notice-enabled = فُعّل المستخدم.
admin-notice-deleted = تم الحذف.
admin-notice-revoked = أُلغيت الدعوة.
admin-notice-session-ended = انتهت الجلسة؛ وسُجّل خروج ذلك المتصفح.
admin-notice-sessions-ended = انتهت كل الجلسات، وأُلغيت الرموز المميزة للمستخدم.
admin-notice-passkey-removed = أُزيل مفتاح المرور.
admin-notice-second-factor-reset = أُعيد تعيين العامل الثاني: أُزيل تطبيق المصادقة والرموز الاحتياطية ورموز الاسترداد للمستخدم.
admin-notice-passkey-removed-last = أُزيل مفتاح المرور. كان آخر طريقة لتسجيل دخول المستخدم: أرسل إليه رابط استعادة.
admin-notice-client-registered = سُجّل العميل.
admin-notice-secret-rotated = سرّ جديد سارٍ الآن؛ ولم يعد السر القديم يعمل.
admin-notice-key-rotated = مفتاح جديد يوقّع من الآن؛ ويبقى السابق منشورًا حتى تنتهي صلاحية رموزه.
admin-notice-token-revoked = أُلغي الرمز؛ وتبقى العملاء التي سجّلها.
admin-notice-api-key-revoked = أُلغي مفتاح API؛ وسيُرفض من الآن.
admin-notice-signup-approved = تمت الموافقة: أُرسل رابط إنشاء الحساب، وهو يعمل لمدة 24 ساعة.
admin-notice-signup-rejected = تم الرفض: حُذف الطلب ولم يُرسَل شيء.
admin-error-not-administrator = لا يمكن إلا للمسؤولين فتح صفحات الإدارة.
admin-error-role-forbids = دورك ({ $role }) لا يسمح بهذا.
admin-error-confirm-reset = حدّد خانة التأكيد لإعادة تعيين العامل الثاني.
admin-error-confirm-delete-group = حدّد خانة التأكيد لحذف المجموعة وعضوياتها.
admin-error-link-withdrawn = { $reason }. سُحب الرابط؛ حاول مرة أخرى.
admin-error-invite-withdrawn = { $reason }. سُحبت الدعوة؛ حاول مرة أخرى.
admin-error-hours = يجب أن تكون مدة الصلاحية عددًا صحيحًا من الساعات.
admin-error-token-numbers = أدخل عدد الأيام (من 1 إلى 365) وعدد الاستخدامات أعدادًا صحيحة.
admin-error-lifetime = أدخل مدة الصلاحية عددًا صحيحًا من الأيام (من 1 إلى 730).
admin-error-refused = مرفوض: { $reason }.
admin-error-attributes-too-large = السمات كبيرة جدًا.
admin-error-attributes-not-json = السمات ليست JSON صالحًا: { $error }
admin-error-claim-mapping-too-large = تعيين المطالبات كبير جدًا.
admin-error-claim-mapping-not-json = تعيين المطالبات ليس JSON صالحًا: { $error }
admin-user-recovery-codes = رموز الاسترداد
admin-user-recovery-codes-left = { $count ->
    [zero] لم يتبقَّ أي رمز استرداد.
    [one] تبقّى رمز استرداد واحد.
    [two] تبقّى رمزا استرداد.
    [few] تبقّت { $count } رموز استرداد.
   *[other] تبقّى { $count } رمز استرداد.
}
admin-user-remove-recovery-codes = إزالة رموز الاسترداد
admin-user-no-recovery-codes = لا توجد رموز استرداد.
admin-notice-recovery-codes-removed = أُزيلت رموز الاسترداد الخاصة بالمستخدم؛ ولم تعد الروابط التي أعطتها تعمل.
