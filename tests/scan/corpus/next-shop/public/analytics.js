/* bundled by the analytics vendor; kept as shipped */
!function(e){var t={password:function(T){return T&&T.length>7},token:function(T){return /^[a-z0-9]+$/i.test(T)}};e.validators=t}(window);
