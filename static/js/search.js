// Small improvements to the directory search page and the shortlist, where JavaScript runs.
// Everything works without it: this file only tidies what the plain HTML already does.

const form = document.getElementById("search-form");

// Leave empty fields out of the address, so a shared search reads "?q=swim&age=7" rather
// than a list of every field. The words are always sent (an empty "q" means "every
// service"), and the distance only with a postcode.
if (form) {
  form.addEventListener("submit", () => {
    const postcode = form.elements.namedItem("postcode");
    const hasPostcode = postcode && postcode.value.trim() !== "";
    for (const field of Array.from(form.elements)) {
      if (!field.name || field.name === "q" || field.disabled) continue;
      const empty = (field.type === "text" || field.type === "search") && field.value.trim() === "";
      const pointlessRadius = field.name === "radius" && !hasPostcode;
      if (empty || pointlessRadius) {
        field.disabled = true;
        field.dataset.appDisabled = "true";
      }
    }
  });
  // Coming back with the browser's back button can restore the page as it was left,
  // fields disabled: turn them back on.
  window.addEventListener("pageshow", () => {
    for (const field of document.querySelectorAll("[data-app-disabled]")) {
      field.disabled = false;
      delete field.dataset.appDisabled;
    }
  });
}

// The print view: a real "Print this page" button instead of the hint to use the browser's.
for (const button of document.querySelectorAll("[data-app-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
  const hint = button.parentElement && button.parentElement.querySelector(".app-print-hint");
  if (hint) hint.hidden = true;
}
