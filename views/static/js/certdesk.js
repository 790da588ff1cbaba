/* certdesk.js: small progressive enhancements keyed off data- attributes; every page works without it */
/*
 * Loaded with defer from layout.cs; the CSP is script-src 'self', so there
 * is no inline script and no inline handler anywhere: all behaviour hangs off
 * these attributes, which the templates (views/macros.cs) print.
 *
 *   form[data-confirm="…"]            ask before submitting (also on a submit
 *   button[data-confirm="…"]           button: only that button asks)
 *   button[data-countdown="60"]        SMS button; with data-countdown-remaining="N"
 *     [data-countdown-remaining]       (N > 0) it is disabled and counts down;
 *     [data-countdown-text="{n}秒…"]    {n} is replaced by the seconds left
 *   input[type=file][data-preview=ID]  show the chosen image in <img id=ID> (made if missing);
 *   form[data-upload-now]              and store it at once by submitting the form's 保存 button;
 *     [data-max-bytes] [data-size-message] [data-type-message]
 *                                      warn at once about a too large or wrong file
 *   form[data-live-price]              live unit and total price (SPEC 11): options
 *     option/input[data-fen-per-year]  and radios carry prices in fen; the years and
 *     option/input[data-fen]           quantity fields are named "years" and
 *     [data-price-unit] [data-price-total]   "quantity"; results go to these elements
 *   .error-summary                      focused on load so screen readers read it
 *   details.nav-menu                    closes on Escape and on a click outside
 *
 * The server stays the authority: these checks only save a round trip.
 * Image previews use blob: URLs (the CSP needs img-src 'self' blob:).
 */
(function () {
  'use strict';

  var zh = (document.documentElement.lang || 'zh-CN').toLowerCase().indexOf('zh') === 0;

  function each(selector, fn, root) {
    var list = (root || document).querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }

  /* ---- confirm before submitting --------------------------------------- */
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    var submitter = ev.submitter;
    var message = (submitter && submitter.getAttribute('data-confirm')) ||
      form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      ev.preventDefault();
    }
  });

  /* ---- SMS button countdown --------------------------------------------- */
  function startCountdown(button) {
    var left = parseInt(button.getAttribute('data-countdown-remaining'), 10);
    if (!(left > 0)) return;
    var original = button.textContent;
    var template = button.getAttribute('data-countdown-text') ||
      (zh ? '{n}秒后可重新发送' : 'Resend in {n}s');
    var tick = function () {
      if (left <= 0) {
        button.disabled = false;
        button.textContent = original;
        button.removeAttribute('data-countdown-remaining');
        return;
      }
      button.disabled = true;
      button.textContent = template.replace('{n}', String(left));
      left -= 1;
      window.setTimeout(tick, 1000);
    };
    tick();
  }

  /* ---- image preview and early checks on file inputs ---------------------- */
  var allowedTypes = /^image\/(jpeg|pjpeg|png|gif|bmp|x-ms-bmp|x-bmp)$/;
  var allowedNames = /\.(jpe?g|png|gif|bmp)$/i;

  function fileMessage(input, text) {
    var box = input.parentNode;
    var old = box.querySelector('.js-file-error');
    if (old) old.parentNode.removeChild(old);
    if (!text) return;
    var p = document.createElement('p');
    p.className = 'field-error js-file-error';
    p.setAttribute('role', 'alert');
    p.textContent = text;
    input.insertAdjacentElement('afterend', p);
  }

  function setupPreview(input) {
    var previewId = input.getAttribute('data-preview');
    var img = document.getElementById(previewId);
    var upload = input.closest('.upload');
    var box = upload && upload.querySelector('.upload-preview');
    if (!img && box) {
      /* nothing uploaded yet: the template has no <img> (an <img> needs a src) */
      img = document.createElement('img');
      img.id = previewId;
      img.alt = input.labels && input.labels[0] ? input.labels[0].textContent.replace(/[*\s]+$/, '') : '';
      img.hidden = true;
      box.insertBefore(img, box.firstChild);
    }
    var previous = img ? img.getAttribute('src') : null;
    var objectUrl = null;

    if (img) {
      img.addEventListener('error', function () {
        /* e.g. a CSP without blob: — fall back to what was shown before */
        if (objectUrl && img.getAttribute('src') === objectUrl) {
          if (previous) img.setAttribute('src', previous);
          else { img.removeAttribute('src'); img.hidden = true; }
        }
      });
    }

    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      fileMessage(input, '');
      input.removeAttribute('aria-invalid');
      if (!file) return;

      var max = parseInt(input.getAttribute('data-max-bytes'), 10);
      var problem = null;
      if (!allowedTypes.test(file.type || '') && !allowedNames.test(file.name || '')) {
        problem = input.getAttribute('data-type-message') ||
          (zh ? '支持.jpg/.jpeg/.png/.gif/.bmp格式，图片大小不超过1M' : 'Use a .jpg, .jpeg, .png, .gif or .bmp image of at most 1 MB.');
      } else if (max > 0 && file.size > max) {
        problem = input.getAttribute('data-size-message') ||
          (zh ? '图片大小不能超过1M' : 'The image must not be larger than 1 MB.');
      }
      if (problem) {
        input.value = '';
        input.setAttribute('aria-invalid', 'true');
        fileMessage(input, problem);
        return;
      }

      if (img && window.URL && URL.createObjectURL) {
        if (objectUrl) URL.revokeObjectURL(objectUrl);
        objectUrl = URL.createObjectURL(file);
        img.src = objectUrl;
        img.hidden = false;
        if (upload) upload.classList.add('has-file');
      }
      /* form[data-upload-now]: store the image at once (as 保存 would), like the seed's
         "页面显示图片后即上传成功"; the page comes back with the stored image and every value. */
      var form = input.form;
      var save = form && form.hasAttribute('data-upload-now') &&
        form.querySelector('button[name="action"][value="save"]');
      if (save) {
        if (form.requestSubmit) form.requestSubmit(save); else save.click();
      }
    });
  }

  /* ---- live price --------------------------------------------------------- */
  function yuan(fen) {
    /* as the server's money() macro prints it: ¥1320.00 */
    var s = String(Math.round(fen));
    while (s.length < 3) s = '0' + s;
    return '¥' + s.slice(0, -2) + '.' + s.slice(-2);
  }

  function number(form, name, fallback) {
    var field = form.elements[name];
    if (!field) return fallback;
    var v = parseInt(field.value, 10);
    return v > 0 ? v : fallback;
  }

  /* Until every priced choice is made the page's own text (选择后显示) stays. */
  function priceChoicesMade(form) {
    var names = ['cert_type', 'years', 'key_type'];
    for (var i = 0; i < names.length; i++) {
      var field = form.elements[names[i]];
      /* one radio alone is the element itself, whose value is set even unchecked */
      if (field && (field.type === 'radio' ? !field.checked : !field.value)) return false;
    }
    return true;
  }

  function setupLivePrice(form) {
    var shown = [];
    each('[data-price-unit], [data-price-total]', function (el) { shown.push([el, el.textContent]); }, form);
    var update = function () {
      if (!priceChoicesMade(form)) {
        shown.forEach(function (p) { p[0].textContent = p[1]; });
        return;
      }
      var perYear = 0;
      var once = 0;
      each('option:checked, input:checked', function (el) {
        var y = parseInt(el.getAttribute('data-fen-per-year'), 10);
        var o = parseInt(el.getAttribute('data-fen'), 10);
        if (y > 0) perYear += y;
        if (o > 0) once += o;
      }, form);
      var years = number(form, 'years', 1);
      var quantity = number(form, 'quantity', 1);
      var unit = perYear * years + once;
      each('[data-price-unit]', function (el) { el.textContent = yuan(unit); }, form);
      each('[data-price-total]', function (el) { el.textContent = yuan(unit * quantity); }, form);
    };
    form.addEventListener('change', update);
    form.addEventListener('input', update);
    update();	/* the choices the page came with (defaults, a saved draft) */
  }

  /* ---- header menu -------------------------------------------------------- */
  function setupMenu(menu) {
    document.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape' && menu.open) {
        menu.open = false;
        var summary = menu.querySelector('summary');
        if (summary) summary.focus();
      }
    });
    document.addEventListener('click', function (ev) {
      if (menu.open && !menu.contains(ev.target)) menu.open = false;
    });
  }

  function init() {
    each('[data-countdown]', startCountdown);
    each('input[type="file"][data-preview]', setupPreview);
    each('form[data-live-price]', setupLivePrice);
    each('details.nav-menu', setupMenu);

    var summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
