// City/Sync — the counter page's QR scanner.
//
// Reads a resident's redemption QR code with the device camera and posts its token through
// the same form a cashier uses to type the short code (#counter-lookup). Before posting it
// gives early feedback — a token that is not ours, altered or past its time — but the server
// checks everything again: nothing here decides anything. Without JavaScript, a camera or
// permission, the page is the typed-code form alone.
//
// Needs /static/vendor/jsQR.js loaded first (the `jsQR` global). Plain ES2020, no build step,
// no inline script: the CSP is `script-src 'self'`.
"use strict";

(() => {
  // Token layout (crates/domain/src/redemption.rs): base64url, no padding, of
  // payload (65 bytes) + Ed25519 signature (64 bytes) over the payload.
  const TOKEN_VERSION = 1;
  const PAYLOAD_LEN = 65;
  const TOKEN_LEN = PAYLOAD_LEN + 64;
  const EXPIRES_AT_OFFSET = 57;
  // How often a frame is read, and the longest side it is scaled down to: a 1080p frame every
  // 200 ms would keep a cashier's tablet busy, and a code held to the camera stays readable.
  const SCAN_INTERVAL_MS = 200;
  const MAX_FRAME_SIDE = 720;
  // The script must never be stricter than the server: a token within this many seconds of
  // its end is left for the server to judge.
  const EXPIRY_GRACE_S = 5;

  // The server's clock when it drew the page, and ours at the same moment.
  const loadedAt = Date.now() / 1000;

  function init() {
    const scanner = document.getElementById("scanner");
    const startButton = document.getElementById("scan-start");
    const video = document.getElementById("scan-video");
    const status = document.getElementById("scan-status");
    const form = document.getElementById("counter-lookup");
    const tokenInput = document.getElementById("token");
    if (!scanner || !startButton || !video || !status || !form || !tokenInput) {
      return;
    }
    const media = navigator.mediaDevices;
    if (!media || typeof media.getUserMedia !== "function" || typeof window.jsQR !== "function") {
      return; // the typed code works alone
    }

    const data = scanner.dataset;
    const msg = {
      start: data.msgStart || "",
      invalid: data.msgInvalid || "",
      expired: data.msgExpired || "",
      checking: data.msgChecking || "",
      noCamera: data.msgNoCamera || "",
    };
    const serverNow = Number(data.now);
    const keyBytes = hexBytes(data.publicKey);

    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) {
      return;
    }

    let stream = null;
    let timer = 0;
    // False once the scan is stopped, so a camera granted after the page was hidden (or
    // after a second click) is released straight away.
    let wanted = false;
    let submitting = false;
    let keyPromise = null;

    function say(text) {
      status.textContent = text;
    }

    async function start() {
      if (wanted || submitting) {
        return;
      }
      wanted = true;
      startButton.disabled = true;
      say("");
      let granted;
      try {
        granted = await media.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      } catch (_) {
        // Refused, no camera, or the camera is busy: the typed code still works.
        wanted = false;
        startButton.disabled = false;
        say(msg.noCamera);
        return;
      }
      if (!wanted) {
        stopTracks(granted);
        return;
      }
      stream = granted;
      video.srcObject = stream;
      video.hidden = false;
      try {
        await video.play();
      } catch (_) {
        // `muted playsinline` lets it play; frames are read whenever they arrive.
      }
      if (!wanted) {
        return;
      }
      say(msg.start);
      timer = window.setInterval(scanFrame, SCAN_INTERVAL_MS);
    }

    function stop() {
      wanted = false;
      if (timer) {
        window.clearInterval(timer);
        timer = 0;
      }
      if (stream) {
        stopTracks(stream);
        stream = null;
      }
      video.pause();
      video.srcObject = null;
      video.hidden = true;
      startButton.disabled = submitting;
    }

    function scanFrame() {
      if (!stream || video.readyState < video.HAVE_CURRENT_DATA) {
        return;
      }
      const w = video.videoWidth;
      const h = video.videoHeight;
      if (!w || !h) {
        return;
      }
      const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(w, h));
      const cw = Math.round(w * scale);
      const ch = Math.round(h * scale);
      if (canvas.width !== cw || canvas.height !== ch) {
        canvas.width = cw;
        canvas.height = ch;
      }
      let found = null;
      try {
        context.drawImage(video, 0, 0, cw, ch);
        const image = context.getImageData(0, 0, cw, ch);
        // Our codes are dark on white: skipping the inverted pass halves the work.
        found = window.jsQR(image.data, cw, ch, { inversionAttempts: "dontInvert" });
      } catch (_) {
        return; // a frame that could not be read; try the next one
      }
      if (found && typeof found.data === "string" && found.data.trim() !== "") {
        stop();
        handle(found.data.trim());
      }
    }

    async function handle(text) {
      let verdict;
      try {
        verdict = await precheck(text);
      } catch (_) {
        verdict = "unknown";
      }
      if (verdict === "invalid") {
        say(msg.invalid);
        return;
      }
      if (verdict === "expired") {
        say(msg.expired);
        return;
      }
      submitting = true;
      startButton.disabled = true;
      say(msg.checking);
      tokenInput.value = text;
      // The form's own submit(): no validation of the typed-code field, and no submit event
      // (whose listener below clears the token).
      HTMLFormElement.prototype.submit.call(form);
    }

    // "invalid", "expired", or "unknown" when nothing is wrong as far as this page can tell.
    async function precheck(text) {
      const bytes = base64urlBytes(text);
      if (!bytes || bytes.length !== TOKEN_LEN || bytes[0] !== TOKEN_VERSION) {
        return "invalid";
      }
      const payload = bytes.subarray(0, PAYLOAD_LEN);
      const signature = bytes.subarray(PAYLOAD_LEN);
      const key = await publicKey();
      if (key) {
        let genuine = null;
        try {
          genuine = await crypto.subtle.verify({ name: "Ed25519" }, key, signature, payload);
        } catch (_) {
          genuine = null; // could not check: the server will
        }
        if (genuine === false) {
          return "invalid";
        }
      }
      if (Number.isFinite(serverNow)) {
        const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
        const expiresAt = Number(view.getBigInt64(EXPIRES_AT_OFFSET, false));
        const now = serverNow + (Date.now() / 1000 - loadedAt);
        if (expiresAt <= now - EXPIRY_GRACE_S) {
          return "expired";
        }
      }
      return "unknown";
    }

    // The city's key, once; null where the browser has no Ed25519 in WebCrypto.
    function publicKey() {
      if (!keyPromise) {
        keyPromise = importKey();
      }
      return keyPromise;
    }

    async function importKey() {
      if (!keyBytes || !window.crypto || !window.crypto.subtle) {
        return null;
      }
      try {
        return await crypto.subtle.importKey("raw", keyBytes, { name: "Ed25519" }, false, [
          "verify",
        ]);
      } catch (_) {
        return null;
      }
    }

    startButton.addEventListener("click", start);
    // A code the cashier typed and sent must not travel with a token left from a scan.
    form.addEventListener("submit", () => {
      tokenInput.value = "";
    });
    // Never keep the camera on behind the cashier's back.
    window.addEventListener("pagehide", stop);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") {
        stop();
      }
    });
    // Back from the result page (back/forward cache): ready for the next customer.
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) {
        submitting = false;
        tokenInput.value = "";
        stop();
        say("");
      }
    });

    tokenInput.value = "";
    video.hidden = true;
    scanner.hidden = false;
  }

  function stopTracks(mediaStream) {
    for (const track of mediaStream.getTracks()) {
      track.stop();
    }
  }

  // 64 hex characters as 32 bytes, or null.
  function hexBytes(hex) {
    if (typeof hex !== "string" || !/^[0-9a-fA-F]{64}$/.test(hex)) {
      return null;
    }
    const out = new Uint8Array(32);
    for (let i = 0; i < out.length; i++) {
      out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  // Unpadded base64url (RFC 4648 §5) as bytes, or null.
  function base64urlBytes(text) {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) {
      return null;
    }
    let b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4 !== 0) {
      b64 += "=";
    }
    let binary;
    try {
      binary = atob(b64);
    } catch (_) {
      return null;
    }
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
      out[i] = binary.charCodeAt(i);
    }
    return out;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
