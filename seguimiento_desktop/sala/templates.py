"""The sala's pages, style sheet and small script, kept in the package (no files to ship,
nothing fetched from outside: the lab may have no internet at all).

Plain HTML forms that work with JavaScript off, on a phone and on an old lab browser;
labels tied to every control, errors announced (role="alert") and linked to their field.
"""

BASE = """<!doctype html>
<html lang="es-MX">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ title }}{% endblock %}</title>
<link rel="stylesheet" href="/estilo.css">
<script src="/pagina.js" defer></script>
</head>
<body>
<header><p class="plantel">{{ school }}</p><h1>{{ title }}</h1></header>
<main id="contenido">
{% block main %}{% endblock %}
</main>
</body>
</html>
"""

SIGN_IN = """{% extends "base.html" %}
{% block main %}
<p>{{ intro }}</p>
<form method="post" action="/entrar" class="entrar" novalidate>
<input type="hidden" name="csrf" value="{{ csrf }}">
{% if message %}<p class="error" role="alert" id="error-entrar">{{ message }}</p>{% endif %}
<label for="curp">Tu CURP (18 letras y números)</label>
<input id="curp" name="curp" value="{{ curp }}" maxlength="18" autocomplete="off"
 autocapitalize="characters" spellcheck="false" required
 {% if message %}aria-describedby="error-entrar"{% endif %}>
<label for="codigo">Código de la sesión (el que está en el pizarrón o proyector)</label>
<input id="codigo" name="codigo" inputmode="numeric" maxlength="8" autocomplete="off" required>
<button type="submit">Entrar</button>
</form>
{% if slips %}<form method="post" action="/entrar" class="entrar" novalidate>
<input type="hidden" name="csrf" value="{{ csrf }}">
<p>¿Te dieron una hoja con tu código personal? Escríbelo aquí en lugar de la CURP.</p>
<label for="clave">Código personal (el de tu hoja, por ejemplo KX4M-…)</label>
<input id="clave" name="clave" maxlength="20" autocomplete="off" autocapitalize="characters"
 spellcheck="false" required>
<button type="submit" class="secundario">Entrar con mi código</button>
</form>{% endif %}
{% endblock %}
"""

QUESTIONS = """{% extends "base.html" %}
{% block main %}
<p class="quien">Contesta: <strong>{{ name }}</strong> · <a href="/salir">No soy yo</a></p>
<h2>{{ section.title }}</h2>
{% if section.intro %}<p>{{ section.intro }}</p>{% endif %}
{% if notice %}<details open class="aviso"><summary>Aviso de privacidad</summary>
<p>{{ notice }}</p></details>{% endif %}
<form method="post" action="/pregunta/{{ page.first }}" novalidate>
<input type="hidden" name="csrf" value="{{ csrf }}">
{% if problems %}<div class="error" role="alert" tabindex="-1" id="resumen">
<p>Revisa {{ "la respuesta marcada" if problems == 1 else "las " ~ problems ~ " respuestas marcadas" }} para continuar.</p></div>{% endif %}
{% for item in items %}
{% set q = item.question %}
<div class="pregunta{% if item.messages %} con-error{% endif %}" id="p-{{ q.id }}">
{% if item.choice %}
<fieldset{% if item.messages %} aria-describedby="e-{{ q.id }}"{% endif %}>
<legend><span class="num">{{ q.number }}.</span> {{ q.text }}</legend>
{% if item.help %}<p class="ayuda">{{ item.help }}</p>{% endif %}
{% for o in q.options %}
<div class="opcion">
<input type="{{ 'checkbox' if q.type == 'multiple' else 'radio' }}" name="{{ q.id }}"
 id="{{ q.id }}-{{ o.code }}" value="{{ o.code }}"{% if o.code in item.chosen %} checked{% endif %}>
<label for="{{ q.id }}-{{ o.code }}">{{ o.label }}</label>
{% if o.other_text %}<label class="oculto" for="{{ q.id }}-otro-{{ o.code }}">Especifica</label>
<input class="otro" id="{{ q.id }}-otro-{{ o.code }}" name="{{ q.id }}.otro_{{ o.code }}"
 value="{{ item.others.get(o.code, '') }}" maxlength="200" placeholder="¿Cuál?">{% endif %}
</div>
{% endfor %}
</fieldset>
{% else %}
<label for="{{ q.id }}"><span class="num">{{ q.number }}.</span> {{ q.text }}</label>
{% if item.help %}<p class="ayuda">{{ item.help }}</p>{% endif %}
{% if item.known %}<p class="ayuda">Es lo que tiene la escuela: corrígelo si no es así.</p>{% endif %}
<div class="campo"><input id="{{ q.id }}" name="{{ q.id }}" value="{{ item.value }}"
 {% if item.input_type %}type="{{ item.input_type }}"{% endif %}
 {% if item.input_mode %}inputmode="{{ item.input_mode }}"{% endif %}
 {% if item.max_length %}maxlength="{{ item.max_length }}"{% endif %} autocomplete="off"
 {% if item.messages %}aria-invalid="true" aria-describedby="e-{{ q.id }}"{% endif %}>
{% if q.unit %}<span class="unidad">{{ q.unit }}</span>{% endif %}</div>
{% endif %}
{% if not q.required %}<p class="ayuda">Puedes dejarla en blanco.</p>{% endif %}
{% if item.messages %}<p class="error" id="e-{{ q.id }}">{% for m in item.messages %}{{ m }} {% endfor %}</p>{% endif %}
{% if item.confirmable %}<div class="opcion confirmar">
<input type="checkbox" name="confirmar.{{ q.id }}" id="confirmar-{{ q.id }}" value="1"{% if item.confirmed %} checked{% endif %}>
<label for="confirmar-{{ q.id }}">Sí, es correcto</label></div>{% endif %}
</div>
{% endfor %}
<p id="sin-red" class="error" role="alert" tabindex="-1" hidden>Este equipo perdió la conexión con la red
de la escuela. Tus respuestas de esta página siguen aquí: cuando vuelva la conexión, pulsa
otra vez el botón.</p>
<div class="botones">
{% if has_previous %}<button type="submit" name="ir" value="anterior" class="secundario">« Anterior</button>{% endif %}
<button type="submit" name="ir" value="siguiente">{{ "Terminar" if last else "Siguiente »" }}</button>
</div>
</form>
{% endblock %}
"""

MESSAGE = """{% extends "base.html" %}
{% block main %}
<div class="{{ kind }}" role="{{ 'alert' if kind == 'error' else 'status' }}">
{% for paragraph in paragraphs %}<p>{{ paragraph }}</p>{% endfor %}
</div>
{% if again %}<p><a class="boton" href="/">Volver a entrar</a></p>{% endif %}
{% endblock %}
"""

TEMPLATES = {"base.html": BASE, "entrar.html": SIGN_IN, "preguntas.html": QUESTIONS,
             "mensaje.html": MESSAGE}

STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.125rem;
 line-height:1.5;color:#1b1b1b;background:#f4f6f8}
header{background:#1f4e79;color:#fff;padding:.75rem 1rem;
 padding-inline:max(1rem,calc((100% - 42rem) / 2))}
header h1{margin:0;font-size:1.3rem;font-weight:600}
.plantel{margin:0;font-size:.95rem;opacity:.9}
main{max-width:44rem;margin:0 auto;padding:1rem}
h2{font-size:1.2rem;color:#1f4e79;margin:.5rem 0}
.pregunta{background:#fff;border:1px solid #cfd6de;border-radius:6px;padding:.75rem 1rem;
 margin:0 0 1rem}
.con-error{border:2px solid #b00020}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend,.pregunta>label{font-weight:600;padding:0;display:block;margin-bottom:.25rem}
.num{color:#1f4e79}
.opcion{display:flex;align-items:center;flex-wrap:wrap;gap:.5rem;padding:.3rem 0}
.opcion input[type=radio],.opcion input[type=checkbox]{width:1.4rem;height:1.4rem;margin:0}
.opcion label{flex:1 1 12rem}
input:not([type=radio]):not([type=checkbox]){font:inherit;padding:.45rem .6rem;
 border:1px solid #7a8794;border-radius:4px;width:100%;max-width:30rem;background:#fff}
input.otro{flex:1 1 100%;margin-left:1.9rem;max-width:24rem}
.campo{display:flex;align-items:center;gap:.5rem}
.unidad{white-space:nowrap}
.ayuda{margin:.1rem 0 .4rem;color:#4a5560;font-size:.95rem}
.error{color:#b00020;font-weight:600}
div.error{background:#fdecee;border:1px solid #b00020;border-radius:6px;padding:.5rem 1rem;
 margin-bottom:1rem}
div.ok{background:#e8f5e9;border:1px solid #2e7d32;border-radius:6px;padding:.5rem 1rem}
div.aviso{background:#fff8e1;border:1px solid #b08900;border-radius:6px;padding:.5rem 1rem}
details.aviso{background:#fff;border:1px solid #cfd6de;border-radius:6px;padding:.5rem 1rem;
 margin-bottom:1rem;font-size:.95rem}
.botones{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap;margin:1rem 0 2rem}
button,a.boton{font:inherit;font-weight:600;padding:.65rem 1.4rem;border-radius:6px;
 border:2px solid #1f4e79;background:#1f4e79;color:#fff;cursor:pointer;text-decoration:none;
 display:inline-block}
button.secundario{background:#fff;color:#1f4e79}
button[disabled]{opacity:.6;cursor:wait}
:focus{outline:3px solid #f0a500;outline-offset:2px}
.entrar label{display:block;font-weight:600;margin:1rem 0 .25rem}
.entrar button{margin-top:1.25rem}
.oculto{position:absolute;left:-9999px}
.quien{font-size:.95rem;color:#4a5560}
"""

# One click sends one page: the buttons are disabled once the form is sent (the server
# also takes a repeated page as the same page). The clicked button's value travels in a
# hidden field, since a disabled button sends nothing.
SCRIPT = """
document.addEventListener("submit", function (event) {
  var form = event.target, button = event.submitter;
  var offline = document.getElementById("sin-red");
  if (offline && navigator.onLine === false) {  // a phone off the Wi-Fi: keep the page
    event.preventDefault(); offline.hidden = false; offline.focus(); return;
  }
  if (offline) { offline.hidden = true; }
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  if (button && button.name) {
    var hidden = document.createElement("input");
    hidden.type = "hidden"; hidden.name = button.name; hidden.value = button.value;
    form.appendChild(hidden);
  }
  setTimeout(function () {
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
  }, 0);
});
// A page the back button brings from the browser's memory (bfcache) is as it was when
// it was sent: make it sendable again (the server checks everything it receives anyway).
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) { return; }
  document.querySelectorAll("form").forEach(function (form) {
    delete form.dataset.sent;
    form.querySelectorAll("input[type=hidden][name=ir]").forEach(function (i) { i.remove(); });
    form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
  });
});
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("resumen");
  if (summary) { summary.focus(); }
});
"""
