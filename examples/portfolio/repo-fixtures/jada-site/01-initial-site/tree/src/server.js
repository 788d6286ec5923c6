const express = require("express");
const bookings = require("./bookings");
const app = express();
app.use(express.static("public"));
// Lists and edits customer bookings.
app.get("/api/bookings", bookings.list);
app.post("/api/bookings/:id", bookings.update);
app.listen(process.env.PORT || 3000);
