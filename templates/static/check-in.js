// Check-in (issue 26): adds the phone's position to the check-in form when the organization
// asks for one, and a print button on the poster. The pages work without it: the server
// then refuses a check-in that needs a position, saying why.
(function () {
  "use strict";
  var print = document.querySelector(".print-button");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  var form = document.querySelector("form.check-in-form[data-position='required']");
  if (!form || !navigator.geolocation) { return; }
  var sending = false;
  form.addEventListener("submit", function (event) {
    if (sending) { return; }
    event.preventDefault();
    var send = function () { sending = true; form.submit(); };
    navigator.geolocation.getCurrentPosition(function (p) {
      form.elements.latitude.value = String(p.coords.latitude);
      form.elements.longitude.value = String(p.coords.longitude);
      send();
    }, send, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
