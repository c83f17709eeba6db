// The card form of /book/pay/<reference>/ (templates/pricing/checkout/pay.html).
//
// Stripe.js collects the card in Stripe's own field, so the card number never reaches
// this site. The payment is confirmed on the server (POST to this page with the card's
// id), which answers "succeeded", "failed", or "requires_action" with the client secret
// when the bank wants its check (3-D Secure); Stripe.js then shows the bank's check and
// the browser goes to the confirmation page, which asks Stripe how the payment ended.
// Without this script (JavaScript off, or Stripe.js not loaded) the form stays hidden and
// the page's notice that card payment needs JavaScript stays shown.
(function () {
  "use strict";

  var root = document.getElementById("card-payment");
  if (!root || typeof window.Stripe !== "function") {
    return;
  }
  var form = document.getElementById("card-form");
  var button = document.getElementById("card-submit");
  var status = document.getElementById("card-status");
  var summary = document.getElementById("card-errors");
  var summaryText = document.getElementById("card-error-text");
  var group = document.getElementById("card-group");

  var stripe = window.Stripe(root.dataset.publishableKey);
  var card = stripe.elements().create("card");
  card.mount("#card-element");
  nameStandInFields();
  root.hidden = false;
  document.getElementById("card-needs-js").hidden = true;

  // The local Stripe's stand-in (development and tests) draws plain inputs named only by
  // their placeholder; Stripe's real field is a frame that names its own inputs.
  function nameStandInFields() {
    var names = {
      number: "Card number",
      exp_month: "Expiry month, 2 digits",
      exp_year: "Expiry year, 2 digits",
      cvc: "Security code",
      postal_code: "Postcode"
    };
    var inputs = document.querySelectorAll("#card-element input");
    Array.prototype.forEach.call(inputs, function (input) {
      var name = names[input.getAttribute("placeholder")];
      if (name && !input.getAttribute("aria-label")) {
        input.setAttribute("aria-label", name);
        input.setAttribute("autocomplete", "off");
      }
    });
  }

  function showError(message) {
    summaryText.textContent = message || "Your card payment did not go through. Try again.";
    summary.hidden = false;
    group.classList.add("govuk-form-group--error");
    status.textContent = "";
    button.disabled = false;
    summary.focus();
  }

  function busy(message) {
    summary.hidden = true;
    group.classList.remove("govuk-form-group--error");
    status.textContent = message;
    button.disabled = true;
  }

  // A PaymentMethod from Stripe.js; the local stand-in makes cards through tokens only.
  async function cardId() {
    if (typeof stripe.createPaymentMethod === "function") {
      var made = await stripe.createPaymentMethod({ type: "card", card: card });
      if (made && made.paymentMethod) {
        return { id: made.paymentMethod.id };
      }
      if (made && made.error) {
        return { error: made.error };
      }
    }
    try {
      var token = await stripe.createToken(card);
      if (token.error) {
        return { error: token.error };
      }
      return { id: token.token.card.id };
    } catch (error) {
      return { error: { message: "Enter your card details" } };
    }
  }

  async function pay(event) {
    event.preventDefault();
    busy("Paying…");
    var method = await cardId();
    if (method.error) {
      showError(method.error.message);
      return;
    }
    var body = new FormData(form);
    body.append("payment_method", method.id);
    var result;
    try {
      var response = await fetch(window.location.pathname, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      });
      result = await response.json();
    } catch (error) {
      showError("We could not reach the payment service. Check your connection and try again.");
      return;
    }
    if (result.status === "requires_action") {
      busy("Waiting for your bank…");
      var checked = await stripe.confirmCardPayment(result.client_secret);
      var intent = checked && checked.paymentIntent;
      if (checked.error || (intent && intent.status === "requires_payment_method")) {
        showError(
          (checked.error && checked.error.message) ||
            "Your bank could not confirm the payment. Try again or use another card."
        );
        return;
      }
    } else if (result.status !== "succeeded" && result.status !== "processing" && result.status !== "done") {
      showError(result.message);
      return;
    }
    window.location.assign(result.next || root.dataset.doneUrl);
  }

  form.addEventListener("submit", pay);
})();
