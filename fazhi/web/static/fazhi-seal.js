/* fazhi: a witness seals a secret in the browser (docs/draw-algorithm.md, section 2).
 *
 * The seal is the SHA-256, in lowercase hex, of the secret's part of the RFC 3797 key: its numbers in
 * ascending order, each written in decimal without leading zeros and followed by ".", then "/" — the
 * same as `fazhi draw seal` and `printf '271828./' | sha256sum`. Computed here with WebCrypto: the
 * secret is in no form and is never sent to the server. A secret needs a number of 20 or more digits
 * (one of fewer is found from its seal by trying every value), as the command and the draw require.
 */
(function () {
  "use strict";
  /* The numbers of a secret as written (blanks between them), or an error message. */
  function parse(text, messages, minDigits) {
    var words = text.trim().split(/\s+/).filter(function (word) { return word !== ""; });
    if (words.length === 0) { return { error: messages.empty }; }
    var numbers = [];
    for (var i = 0; i < words.length; i += 1) {
      if (!/^[0-9]+$/.test(words[i])) { return { error: messages.notNumber.replace("%s", words[i]) }; }
      numbers.push(BigInt(words[i]));
    }
    numbers.sort(function (a, b) { return a < b ? -1 : (a > b ? 1 : 0); });
    var longest = numbers.reduce(function (most, n) { return Math.max(most, n.toString().length); }, 0);
    if (longest < minDigits) { return { error: messages.tooShort.replace("%d", String(longest)) }; }
    return { key: numbers.map(function (n) { return n.toString() + "."; }).join("") + "/" };
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (byte) {
      return byte.toString(16).padStart(2, "0");
    }).join("");
  }

  /* A random secret of 24 digits, the first not 0 (a leading 0 would be dropped: the number would be shorter). */
  function randomSecret() {
    var digits = new Uint8Array(48);
    window.crypto.getRandomValues(digits);
    var text = "";
    for (var i = 0; i < digits.length && text.length < 24; i += 1) {
      if (digits[i] >= 250) { continue; } /* 250 = 25 × 10: keeps every digit equally likely */
      var digit = digits[i] % 10;
      if (text === "" && digit === 0) { continue; }
      text += String(digit);
    }
    return text.length === 24 ? text : randomSecret();
  }

  function setUp(tool) {
    var secret = tool.querySelector("[data-seal-secret]");
    var keyOut = tool.querySelector("[data-seal-key]");
    var sealOut = tool.querySelector("[data-seal-value]");
    var status = tool.querySelector("[data-seal-status]");
    var messages = {
      empty: tool.getAttribute("data-message-empty"),
      notNumber: tool.getAttribute("data-message-not-number"),
      tooShort: tool.getAttribute("data-message-too-short"),
      noCrypto: tool.getAttribute("data-message-no-crypto")
    };
    function clear() {
      keyOut.textContent = "";
      sealOut.textContent = "";
    }
    function seal() {
      clear();
      var parsed = parse(secret.value, messages, parseInt(tool.getAttribute("data-min-digits"), 10));
      if (parsed.error) {
        status.textContent = parsed.error;
        return;
      }
      if (!window.crypto || !window.crypto.subtle) {
        status.textContent = messages.noCrypto;
        return;
      }
      window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(parsed.key)).then(function (digest) {
        keyOut.textContent = parsed.key;
        sealOut.textContent = hex(digest);
        status.textContent = "";
      });
    }
    tool.querySelector("[data-seal-compute]").addEventListener("click", seal);
    tool.querySelector("[data-seal-generate]").addEventListener("click", function () {
      secret.value = randomSecret();
      seal();
    });
    secret.addEventListener("input", clear);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-seal-tool]"), setUp);
  });
}());
