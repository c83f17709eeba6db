/*
 * Give the Wagtail admin's script-drawn inputs the accessible names Wagtail leaves out.
 *
 * A screen reader announces an input by its name; without one it says only "edit text"
 * or "file upload" (WCAG 2.2 1.3.1 and 4.1.2; axe rules aria-input-field-name and label).
 * Three widgets draw an input with no name next to a field whose <label> points at a
 * hidden input instead:
 *
 * - Draftail, the rich text editor: a contenteditable role="textbox" beside the hidden
 *   input holding the value. Named by the field's label; a rich text block in a
 *   StreamField with no label of its own is named by its block's heading.
 * - tag-it, the tags widget (pictures and documents): a text input in a list after the
 *   hidden tags input. Named by the tags field's label.
 * - the multiple uploader's file input, laid over its "Or choose from your computer"
 *   button. Named by that button's words.
 *
 * These widgets appear after the page has loaded (Draftail renders with React; inline
 * panels, StreamFields and choosers add more when asked), so a MutationObserver names
 * each new one. Loaded on every admin page by localoffer/admin_hooks.py.
 */
(function () {
  "use strict";

  var RULES = [
    {
      selector: '[data-draftail-editor-wrapper] [role="textbox"][contenteditable]',
      labelId: function (textbox) {
        var wrapper = textbox.closest("[data-draftail-editor-wrapper]");
        var input = wrapper && siblingMatching(wrapper, "input[data-draftail-input]");
        var section = wrapper && wrapper.closest("[aria-labelledby]");
        return labelOf(input) || (section && section.getAttribute("aria-labelledby"));
      },
    },
    {
      selector: "ul.tagit input[type=text]",
      labelId: function (input) {
        var list = input.closest("ul.tagit");
        var field = list && list.previousElementSibling;
        return field && field.matches("input") ? labelOf(field) : null;
      },
    },
    {
      selector: ".replace-file-input input[type=file]",
      labelId: function (input) {
        if (input.labels && input.labels.length) {
          return null;
        }
        var button = input.parentNode.querySelector("button");
        return button ? idOf(button, (input.id || "file-input") + "-button") : null;
      },
    },
  ];

  function siblingMatching(element, selector) {
    var siblings = element.parentNode ? element.parentNode.children : [];
    for (var i = 0; i < siblings.length; i++) {
      if (siblings[i].matches(selector)) {
        return siblings[i];
      }
    }
    return null;
  }

  function idOf(element, fallback) {
    if (!element.id) {
      element.id = fallback;
    }
    return element.id;
  }

  function labelOf(input) {
    if (!input || !input.id) {
      return null;
    }
    var label = document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
    return label ? idOf(label, input.id + "-label") : null;
  }

  function name(element, rule) {
    if (element.hasAttribute("aria-labelledby") || element.hasAttribute("aria-label")) {
      return;
    }
    var labelId = rule.labelId(element);
    if (labelId) {
      element.setAttribute("aria-labelledby", labelId);
    }
  }

  function nameAllIn(root) {
    RULES.forEach(function (rule) {
      if (root.matches && root.matches(rule.selector)) {
        name(root, rule);
      }
      if (root.querySelectorAll) {
        root.querySelectorAll(rule.selector).forEach(function (element) {
          name(element, rule);
        });
      }
    });
  }

  function start() {
    nameAllIn(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            nameAllIn(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
