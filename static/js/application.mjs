// Starts GOV.UK Frontend's components (accordion, service navigation toggle, skip link ...).
// Loaded as a module, so browsers too old for GOV.UK Frontend's JavaScript never run it and
// get the plain HTML versions, which work without JavaScript.
import { initAll } from "../dist/govuk-frontend.min.js";

initAll();
