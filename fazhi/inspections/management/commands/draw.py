import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.inspections.engine import (
    SECRET_MIN_DIGITS,
    DrawError,
    canonical,
    commitlog,
    commitment,
    parse_sources,
    rfc3797,
    run,
    seal_of,
    secret_too_short,
    select,
    verify,
)

CANNOT_READ = "无法读取文件“{path}”：{reason}。"
NOT_A_RECORD = "“{path}”不符合抽取记录的格式：{reason}"
NOT_JSON = "“{path}”不是有效的 JSON：第{line}行 {reason}。"
TOO_DEEP = "“{path}”嵌套层数过多，无法读取。"
NOT_AN_OBJECT = "“{path}”须为一个 JSON 对象。"
ONE_SECRET = "请给出一个秘密数（一个或多个非负整数）。"
SECRET_TOO_SHORT = ("秘密数须含一个{digits}位以上的数：位数少的秘密数可由封存值逐一试出，冻结时就能算出抽取结果。"
                    "请用随机生成的{digits}位以上的数。")
SOURCE_COUNT = "随机源文件有{given}个来源，输入中公布了{published}个随机源说明。"


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(CANNOT_READ.format(path=path, reason=exc.strerror)) from exc


def _read_json(path: str) -> dict:
    try:
        value = canonical.loads(_read(path))  # no key twice, no fractions (docs/draw-algorithm.md, section 7)
    except DrawError as exc:
        raise CommandError(NOT_A_RECORD.format(path=path, reason=exc)) from exc
    except json.JSONDecodeError as exc:
        raise CommandError(NOT_JSON.format(path=path, line=exc.lineno, reason=exc.msg)) from exc
    except RecursionError as exc:
        raise CommandError(TOO_DEEP.format(path=path)) from exc
    if not isinstance(value, dict):
        raise CommandError(NOT_AN_OBJECT.format(path=path))
    return value


class Command(BaseCommand):
    help = ("双随机抽取：rfc3797 按 RFC 3797 抽取；seal 计算见证人秘密数的封存值；commit 给出抽取前应公布的承诺值；"
            "run 抽取并生成记录；verify 复核抽取记录 / Verifiable random draws (see docs/draw-algorithm.md).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("rfc3797", help="RFC 3797 抽取 / RFC 3797 selection from a list")
        p.add_argument("--seeds", required=True, help="随机源文件：每行一个来源，数字以空格分隔，# 开头的行忽略")
        p.add_argument("--pool", required=True, help="名单文件：每行一个成员（空行忽略）")
        p.add_argument("--count", required=True, type=int, help="抽取数量")
        p.add_argument("--json", action="store_true", help="输出 JSON")
        p = sub.add_parser("seal", help="见证人秘密数的封存值（冻结名录时公布）/ the seal of a witness's secret")
        p.add_argument("numbers", nargs="*",
                       help="秘密数：一个或多个非负整数，须含一个20位以上的随机数；不写则从标准输入读一行，"
                            "秘密数不会留在命令历史和进程列表中")
        p = sub.add_parser("commit", help="计算抽取前公布的承诺值 / the commitment to publish before the draw")
        p.add_argument("input", help="抽取输入（JSON，格式见 docs/draw-algorithm.md）")
        p = sub.add_parser("run", help="抽取并输出完整的抽取记录 / draw and write the record")
        p.add_argument("input", help="抽取输入（JSON）；随机源的数字可写在其中，或用 --seeds 给出")
        p.add_argument("--seeds", help="随机源文件，行数须与输入中的随机源说明一致")
        p.add_argument("-o", "--output", help="记录文件（默认输出到标准输出）")
        p = sub.add_parser("log-verify", help="核对承诺值登记簿的哈希链 / check the commitment log's hash chain")
        p.add_argument("log", help="从门户网站下载的承诺值登记簿（文本）")
        p.add_argument("--head", help="此前保存的条目哈希：须仍在登记簿中")
        p = sub.add_parser("verify", help="复核抽取记录 / recompute a draw record")
        p.add_argument("record", help="抽取记录（JSON）")
        p.add_argument("--commit", help="抽取前公布的承诺哈希（commit_sha256），一并核对")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action.replace('-', '_')}")(**options)
        except DrawError as exc:
            raise CommandError(str(exc)) from exc

    def _rfc3797(self, *, seeds, pool, count, json=False, **_):
        sources = parse_sources(_read(seeds))
        members = [line.strip() for line in _read(pool).splitlines() if line.strip()]
        chosen = select(members, count, sources)
        key = rfc3797.make_key(sources)
        if json:
            self.stdout.write(_dumps({"key": key, "selected": [s.as_dict() for s in chosen]}))
            return
        self.stdout.write(f"Key: {key}")
        self.stdout.write(" index        hex value of MD5        div  selected")
        remaining = len(members)
        for s in chosen:
            self.stdout.write(f"{s.round:5d}  {s.md5.upper()}  {remaining:2d}  -> {s.position:2d} <- {s.member}")
            remaining -= 1

    def _seal(self, *, numbers, **_):
        text = " ".join(numbers) if numbers else sys.stdin.readline()
        sources = parse_sources(text.replace("\n", " ").strip())
        if len(sources) != 1:
            raise CommandError(ONE_SECRET)
        if secret_too_short(sources[0]):  # found from its seal by trying every value: the outcome known early
            raise CommandError(SECRET_TOO_SHORT.format(digits=SECRET_MIN_DIGITS))
        self.stdout.write(f"{rfc3797.make_key(sources)}\n{seal_of(sources[0])}")

    def _commit(self, *, input, **_):
        data = _read_json(input)
        self.stdout.write(_dumps(commitment(data)))

    def _run(self, *, input, seeds=None, output=None, **_):
        data = _read_json(input)
        if seeds:
            numbers = parse_sources(_read(seeds))
            labels = data.get("sources", [])
            if len(numbers) != len(labels):
                raise CommandError(SOURCE_COUNT.format(given=len(numbers), published=len(labels)))
            data["sources"] = [{**label, "numbers": n} for label, n in zip(labels, numbers, strict=True)]
        done = run(data)
        text = canonical.dumps(done)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            summary = f"抽中{len(done['result']['tasks'])}户，承诺哈希 {done['commitment']['commit_sha256']}"
            self.stdout.write(f"{summary}，记录已写入 {output}")
        else:
            self.stdout.write(text, ending="")

    def _log_verify(self, *, log: str, head=None, **_):
        entries, problems = commitlog.verify(_read(log), head)
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError("承诺值登记簿核对不通过。", returncode=1)
        last = entries[-1].entry_sha256 if entries else commitlog.GENESIS
        self.stdout.write(f"MATCH：{len(entries)}条，哈希链完整，最后一条的条目哈希 {last}")

    def _verify(self, *, record: str, commit=None, **_):
        report = _verify_file(record, commit)
        self.stdout.write(str(report))
        if report.match and commit is None:  # consistent in itself; only the published hash shows it was not redone
            self.stderr.write(f"注意：未给出 --commit，只核对了记录自身的一致性。请与抽取前公布的承诺哈希比对："
                              f"本记录的承诺哈希为 {report.commit_sha256}。")
        if not report.match:
            raise CommandError("抽取记录复核不通过。", returncode=1)


def _verify_file(path: str, commit: str | None):
    return verify(_read_json(path), expected_commit=commit)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
