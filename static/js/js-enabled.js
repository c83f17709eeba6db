// GOV.UK Frontend 6: styles for its JavaScript components apply only when the browser can
// run them. Loaded (blocking) straight after <body> opens, so the page never flashes its
// no-JavaScript layout; a file rather than an inline script, which the site's policy forbids.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
