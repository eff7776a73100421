// The projector's join box (facilitators' screens only): the newest live join code and its QR. It follows
// `join_code.*` Events by asking the server again (Events never carry the code), and hides an expired code.
const box = document.getElementById("pj-join");
const codeEl = document.getElementById("pj-join-code");
const qrEl = document.getElementById("pj-join-qr");
let expiresMs = null;

function show(code) {
  box.hidden = !code;
  expiresMs = code ? Date.parse(code.expires_at) : null;
  codeEl.textContent = code ? code.code : "";
  if (code && qrEl.getAttribute("src") !== code.qr_svg_url) qrEl.src = code.qr_svg_url;
}

/** Load the codes again and show the newest live one. */
export async function refreshJoin(url) {
  if (!box || !url) return;
  try {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const { join_codes: codes } = await response.json();
    show(codes.find((code) => code.state === "live") ?? null);
  } catch { /* offline for a moment: the next Event or reload shows it */ }
}

/** Hide the code once it has expired (nowMs: the server's clock). */
export function tickJoin(nowMs) {
  if (box && expiresMs !== null && nowMs >= expiresMs) show(null);
}
