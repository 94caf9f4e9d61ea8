/* The access request form: the role list offers only the roles of the chosen account (each
   account's option lists them in data-roles). Without JavaScript every role is listed, each
   account's label names its roles, and the server refuses a role the account does not offer. */
(function () {
  "use strict";
  var form = document.querySelector("[data-access-request-form]");
  if (!form) return;
  var account = form.querySelector("select[name=account]");
  var role = form.querySelector("select[name=role]");
  if (!account || !role) return;

  function offered() {
    var option = account.options[account.selectedIndex];
    var roles = option ? option.getAttribute("data-roles") : null;
    return roles === null ? null : roles.split(" ").filter(Boolean);
  }

  function update() {
    var roles = offered();
    var firstOffered = null;
    Array.prototype.forEach.call(role.options, function (option) {
      var ok = roles === null || roles.indexOf(option.value) !== -1;
      option.hidden = !ok;
      option.disabled = !ok;
      if (ok && firstOffered === null) firstOffered = option;
    });
    var current = role.options[role.selectedIndex];
    if ((!current || current.disabled) && firstOffered) firstOffered.selected = true;
  }

  account.addEventListener("change", update);
  update();
})();
