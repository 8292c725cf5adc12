/* 政务公开网页编辑器的本站扩展（invoke cms 把它复制到 admin/，在 decap-cms.js 之前加载）。
 *
 * 1. 在本机打开（invoke edit，localhost）时使用 config.yml 的 local 设置：经 127.0.0.1:8081 的
 *    decap-server 读写本机的仓库副本，每次保存是一次提交。
 * 2. 索引号：新建条目时自动填入本单位今年下一个未用的索引号。号码取自仓库中本单位现有的全部条目
 *    （经编辑器的后端读取，所以包括别人刚发布的），保存前再核对一次；万一仍与同时新建的条目重复，
 *    合并前的 invoke check 会拦下。已有条目的索引号只显示，不能修改。
 * 3. 正文每次打开编辑器都从 Markdown 原文模式开始（保存时一字不改）；富文本模式会重排表格，
 *    需要时再切换。
 * 4. 预览用本站的样式（preview.css）。
 */
(function () {
  "use strict";

  var LOCAL_HOSTS = ["localhost", "127.0.0.1"];
  var WIDGET = "disclosure-index-number";
  var MARKDOWN_MODE = "cms.md-mode"; // where Decap keeps the body's last mode; it starts in rich text without it
  // Decap answers a query it saw in the last 10 seconds from memory, keyed by its arguments: a limit of
  // its own per query (far above any unit's count) makes each one read the repository anew.
  var QUERY_LIMIT = 1000000;
  var queries = 0;
  var latest = null; // the index-number widget on screen: its field and its query, for the check before saving

  if (LOCAL_HOSTS.indexOf(window.location.hostname) !== -1) {
    window.CMS_ENV = "local";
  }
  window.CMS_MANUAL_INIT = true;
  window.localStorage.setItem(MARKDOWN_MODE, "raw");

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) {
      text = "0" + text;
    }
    return text;
  }

  // The unit's next free number of a year: one more than its highest serial of that year.
  function nextNumber(field, taken, year) {
    var pattern = new RegExp(field.get("index_pattern"));
    var highest = 0;
    taken.forEach(function (number) {
      var found = pattern.exec(number || "");
      if (found && Number(found.groups.year) === year) {
        highest = Math.max(highest, Number(found.groups.serial));
      }
    });
    return field.get("index_template")
      .replace("{year}", String(year))
      .replace("{serial}", pad(highest + 1, field.get("serial_width")));
  }

  // Every 索引号 the unit's items have now, read through the editor's backend from every collection of the unit.
  function takenNumbers(field, query, forID) {
    var collections = field.get("unit_collections").toArray();
    return Promise.all(collections.map(function (name) {
      queries += 1;
      return query(forID, name, ["index_number"], "", undefined, QUERY_LIMIT + queries).then(function (action) {
        var hits = (action && action.payload && action.payload.hits) || [];
        return hits.map(function (hit) { return hit.data && hit.data.index_number; });
      });
    })).then(function (lists) {
      return [].concat.apply([], lists);
    });
  }

  function control(h, createClass) {
    return createClass({
      getInitialState: function () {
        return { status: this.props.value ? "" : "正在读取本单位现有的索引号……" };
      },
      componentDidMount: function () {
        latest = { field: this.props.field, query: this.props.query, forID: this.props.forID };
        if (!this.props.value) {
          this.allocate();
        }
      },
      allocate: function () {
        var self = this;
        takenNumbers(this.props.field, this.props.query, this.props.forID).then(function (taken) {
          self.props.onChange(nextNumber(self.props.field, taken, new Date().getFullYear()));
          self.setState({ status: "已按本单位现有条目编号；保存时会再核对一次。" });
        }).catch(function () {
          self.setState({ status: "读取现有索引号失败：请刷新页面重试。" });
        });
      },
      render: function () {
        var isNew = this.props.entry && this.props.entry.get("newRecord");
        return h("div", {},
          h("input", {
            id: this.props.forID, className: this.props.classNameWrapper, type: "text",
            value: this.props.value || "", readOnly: true, "aria-readonly": "true"
          }),
          h("p", { role: "status" }, isNew ? this.state.status : "索引号发布后不能修改。"));
      }
    });
  }

  // Before a new item is saved: if its number was taken meanwhile, take the next free one.
  function recheck(event) {
    var entry = event.entry;
    var data = entry.get("data");
    if (!entry.get("newRecord") || !latest ||
        latest.field.get("unit_collections").indexOf(entry.get("collection")) === -1) {
      return undefined;
    }
    return takenNumbers(latest.field, latest.query, latest.forID).then(function (taken) {
      if (taken.indexOf(data.get("index_number")) === -1) {
        return undefined;
      }
      return data.set("index_number", nextNumber(latest.field, taken, new Date().getFullYear()));
    }).catch(function () {
      return undefined; // the check before merging still refuses a duplicate
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var CMS = window.CMS;
    var h = window.h;
    var createClass = window.createClass;
    CMS.registerPreviewStyle("preview.css");
    CMS.registerWidget(WIDGET, control(h, createClass), function (props) {
      return h("span", {}, props.value || "");
    });
    CMS.registerEventListener({ name: "preSave", handler: recheck });
    CMS.init();
  });
}());
