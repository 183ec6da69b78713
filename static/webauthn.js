// Latchkey passkeys: registration and sign-in through the JSON endpoints
// under /webauthn (or any endpoints answering in the same shapes).
//
// Wiring, by data attributes (no inline script; the CSP forbids it):
//   <button data-webauthn="login" data-start="/webauthn/login/start"
//           data-finish="/webauthn/login/finish?req=…"
//           data-conditional="username"      (optional: id of the username field
//                                             that offers passkey autofill)
//           data-alert="signin-error">       (optional: id of the role=alert element)
//   <button data-webauthn="register" data-start="…/start" data-finish="…/finish"
//           data-name-field="passkey-name"   (optional: id of an input naming the passkey)
//           data-alert="…">
// The CSRF token comes from <meta name="csrf-token"> or a form field named "csrf".
// start answers {"ceremony", "options"}; finish takes {"ceremony", "credential", "name"?}
// and answers {"redirect"}; errors are {"error"}, plus {"reauthenticate": "/login?next=…"}
// when a sensitive change needs a fresh sign-in (the page goes there).
(function () {
  "use strict";

  function b64urlToBuffer(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return bytes.buffer;
  }

  function bufferToB64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var bin = "";
    for (var i = 0; i < bytes.length; i++) { bin += String.fromCharCode(bytes[i]); }
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { return meta.getAttribute("content") || ""; }
    var field = document.querySelector('input[name="csrf"]');
    return field ? field.value : "";
  }

  function alertFor(el) {
    var id = el && el.getAttribute("data-alert");
    return (id && document.getElementById(id)) || document.querySelector('[role="alert"]');
  }

  function showError(el, message) {
    var box = alertFor(el);
    if (box) { box.textContent = message; } else { window.alert(message); }
  }

  function clearError(el) {
    var box = alertFor(el);
    if (box) { box.textContent = ""; }
  }

  async function post(url, body) {
    var response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
      body: JSON.stringify(body || {})
    });
    var data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok) {
      // A sensitive change with a sign-in too old: confirm it is you, then come back.
      var again = data.reauthenticate;
      if (typeof again === "string" && again.charAt(0) === "/" && again.charAt(1) !== "/" &&
          again.charAt(1) !== "\\") {
        window.location.assign(again);
      }
      throw new Error(data.error || "The server refused the request (" + response.status + ").");
    }
    return data;
  }

  function creationOptions(options) {
    var pk = Object.assign({}, options.publicKey);
    pk.challenge = b64urlToBuffer(pk.challenge);
    pk.user = Object.assign({}, pk.user, { id: b64urlToBuffer(pk.user.id) });
    if (pk.excludeCredentials) {
      pk.excludeCredentials = pk.excludeCredentials.map(function (c) {
        return Object.assign({}, c, { id: b64urlToBuffer(c.id) });
      });
    }
    return pk;
  }

  function requestOptions(options) {
    var pk = Object.assign({}, options.publicKey);
    pk.challenge = b64urlToBuffer(pk.challenge);
    if (pk.allowCredentials) {
      pk.allowCredentials = pk.allowCredentials.map(function (c) {
        return Object.assign({}, c, { id: b64urlToBuffer(c.id) });
      });
    }
    return pk;
  }

  function extensions(credential) {
    try { return credential.getClientExtensionResults() || {}; } catch (e) { return {}; }
  }

  function encodeRegistration(credential) {
    var r = credential.response;
    var out = {
      id: credential.id,
      rawId: bufferToB64url(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: bufferToB64url(r.attestationObject),
        clientDataJSON: bufferToB64url(r.clientDataJSON)
      },
      extensions: extensions(credential)
    };
    if (typeof r.getTransports === "function") { out.response.transports = r.getTransports(); }
    return out;
  }

  function encodeAssertion(credential) {
    var r = credential.response;
    return {
      id: credential.id,
      rawId: bufferToB64url(credential.rawId),
      type: credential.type,
      response: {
        authenticatorData: bufferToB64url(r.authenticatorData),
        clientDataJSON: bufferToB64url(r.clientDataJSON),
        signature: bufferToB64url(r.signature),
        userHandle: r.userHandle ? bufferToB64url(r.userHandle) : null
      },
      extensions: extensions(credential)
    };
  }

  function supported() {
    return !!(window.PublicKeyCredential && navigator.credentials);
  }

  // The page's own words for these messages (data-msg-* on the button,
  // written in the page's language), else English.
  function text(el, key, english) {
    return (el && el.getAttribute("data-msg-" + key)) || english;
  }

  function describe(err, el) {
    if (err && err.name === "NotAllowedError") {
      return text(el, "cancelled", "The passkey request was cancelled or timed out.");
    }
    if (err && err.name === "InvalidStateError") {
      return text(el, "duplicate", "This passkey is already registered.");
    }
    return (err && err.message) || text(el, "failed", "The passkey could not be used.");
  }

  // The pending autofill (conditional mediation) request, aborted when the
  // person presses a passkey button instead.
  var conditional = null;

  async function signIn(el, mode) {
    var start = await post(el.getAttribute("data-start"));
    var getOptions = { publicKey: requestOptions(start.options) };
    if (mode === "conditional") {
      conditional = new AbortController();
      getOptions.mediation = "conditional";
      getOptions.signal = conditional.signal;
    }
    var credential = await navigator.credentials.get(getOptions);
    if (!credential) { return; }
    var done = await post(el.getAttribute("data-finish"), {
      ceremony: start.ceremony,
      credential: encodeAssertion(credential)
    });
    window.location.assign(done.redirect || "/account");
  }

  async function register(el) {
    var start = await post(el.getAttribute("data-start"));
    var credential = await navigator.credentials.create({ publicKey: creationOptions(start.options) });
    if (!credential) { return; }
    var nameId = el.getAttribute("data-name-field");
    var nameField = nameId && document.getElementById(nameId);
    var done = await post(el.getAttribute("data-finish"), {
      ceremony: start.ceremony,
      credential: encodeRegistration(credential),
      name: nameField ? nameField.value : undefined
    });
    window.location.assign(done.redirect || "/account");
  }

  function wire(el) {
    el.addEventListener("click", async function (event) {
      event.preventDefault();
      if (!supported()) {
        showError(el, text(el, "unsupported", "This browser cannot use passkeys."));
        return;
      }
      clearError(el);
      el.disabled = true;
      try {
        if (el.getAttribute("data-webauthn") === "register") {
          await register(el);
        } else {
          if (conditional) { conditional.abort(); conditional = null; }
          await signIn(el, "modal");
        }
      } catch (err) {
        showError(el, describe(err, el));
      } finally {
        el.disabled = false;
      }
    });
  }

  async function startAutofill(el) {
    if (!supported() || typeof PublicKeyCredential.isConditionalMediationAvailable !== "function") {
      return;
    }
    if (!(await PublicKeyCredential.isConditionalMediationAvailable())) { return; }
    try {
      await signIn(el, "conditional");
    } catch (err) {
      // An aborted autofill (the button was pressed instead) is not an error,
      // nor is one the browser refused or dismissed: the person never asked
      // for it, and it must not replace the page's own message.
      if (err && err.name !== "AbortError" && err.name !== "NotAllowedError") {
        showError(el, describe(err, el));
      }
    }
  }

  function init() {
    var buttons = document.querySelectorAll("[data-webauthn]");
    for (var i = 0; i < buttons.length; i++) {
      wire(buttons[i]);
      if (buttons[i].getAttribute("data-webauthn") === "login" && buttons[i].hasAttribute("data-conditional")) {
        startAutofill(buttons[i]);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
