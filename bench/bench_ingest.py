"""End-to-end ingest throughput and memory: ``sitrep ingest`` into a fresh store, 1 and 2 worker processes.

The corpus is made here from templates of team-written sentences (English and
French, about 500 words an article, every article different), written as JSONL
in the contract's input format.  Each measurement runs ``sitrep ingest`` in a
child process on a fresh store, with every stage, and reads:

- wall time, from the command's start to its end (models loaded inside);
- the steady rate, free of start-up: ``n / (T(2n) - T(n))`` from runs on n and
  2n articles;
- CPU seconds per article (all processes, steady: from the n and 2n runs): on a
  machine whose CPUs other work shares, the wall-clock ratio understates what a
  second worker gives, and this says whether the work itself stayed the same;
- peak resident memory of the main process and of the largest worker
  (``getrusage``; with one worker the main process is the worker);
- how many CPUs other processes kept busy during the runs (``/proc/stat``:
  the machine's busy time less this run's CPU time, over the wall time): on a
  machine shared with other work, a second worker can only be as fast as the
  CPU left to it.  The ceiling on 2 free CPUs is about 2 / (CPU s/article).

Medians over ``--repeat`` runs; the 2-worker/1-worker ratio is the ratio of the
median steady rates.  Nothing here fails on a figure: it prints a table.

    .venv/bin/python bench/bench_ingest.py --articles 40 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EN_PLACES = ["Aleppo", "Homs", "Mosul", "Kabul", "Gao", "Kharkiv", "Donetsk", "Benghazi"]
FR_PLACES = ["Bamako", "Tombouctou", "Kidal", "Alep", "Mossoul", "Goma", "Bunia", "Niamey"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

EN = [
    "Government forces shelled the eastern districts of {place} on {day}, killing at least {n} civilians, "
    "according to a local doctor.",
    "\"We have nowhere left to go,\" said a teacher who fled the fighting with her three children.",
    "Rebel groups said they had repelled an attack on their positions north of {place}.",
    "The United Nations called for an immediate ceasefire to let aid convoys reach the city.",
    "Several hundred people marched through the centre of {place} on {day} to demand the release of detained "
    "activists.",
    "Police fired tear gas to disperse the crowd near the governor's office, witnesses said.",
    "The health ministry said {n} people had been wounded and taken to hospitals in the region.",
    "A spokesman for the army denied that soldiers had targeted residential buildings.",
    "Aid workers warned that food and fuel stocks would run out within two weeks.",
    "The foreign minister met his counterpart in Geneva on {day} to discuss a possible truce.",
    "Both sides accused each other of breaking the agreement signed last month.",
    "Local officials estimated that {m} families had left their homes since the start of the week.",
    "An air strike destroyed a bridge on the main road south of {place}, cutting the supply route.",
    "Residents described long queues for bread and water in the neighbourhoods still under siege.",
    "The governor announced a curfew from eight in the evening until six in the morning.",
    "Observers said the fighting was the heaviest the area had seen in more than a year.",
    "Doctors at the main hospital said they lacked blood, anaesthetics and electricity.",
    "The opposition coalition said it would not attend the talks while the bombing continued.",
    "A convoy of {n} trucks carrying medicine reached the northern suburbs on {day}, the Red Cross said.",
    "Engineers began repairing the power line that had been cut during the clashes.",
]
FR = [
    "Les forces gouvernementales ont bombardé les quartiers est de {place} {day}, tuant au moins {n} civils, "
    "selon un médecin de la ville.",
    "« Nous n'avons plus nulle part où aller », a déclaré une enseignante qui a fui les combats avec ses enfants.",
    "Les groupes rebelles ont affirmé avoir repoussé une attaque contre leurs positions au nord de {place}.",
    "Les Nations unies ont appelé à un cessez-le-feu immédiat pour permettre l'entrée des convois d'aide.",
    "Plusieurs centaines de personnes ont manifesté {day} dans le centre de {place} pour réclamer la libération "
    "de militants détenus.",
    "La police a tiré des gaz lacrymogènes pour disperser la foule près du gouvernorat, selon des témoins.",
    "Le ministère de la santé a indiqué que {n} personnes avaient été blessées et hospitalisées dans la région.",
    "Un porte-parole de l'armée a démenti que des soldats aient visé des immeubles d'habitation.",
    "Les humanitaires ont averti que les stocks de nourriture et de carburant seraient épuisés d'ici deux "
    "semaines.",
    "Le ministre des affaires étrangères a rencontré son homologue à Genève {day} pour discuter d'une trêve.",
    "Les deux camps se sont mutuellement accusés d'avoir violé l'accord signé le mois dernier.",
    "Les autorités locales estiment que {m} familles ont quitté leur domicile depuis le début de la semaine.",
    "Une frappe aérienne a détruit un pont sur la route principale au sud de {place}, coupant l'axe de "
    "ravitaillement.",
    "Les habitants décrivent de longues files d'attente pour le pain et l'eau dans les quartiers assiégés.",
    "Le gouverneur a annoncé un couvre-feu de vingt heures à six heures du matin.",
    "Selon les observateurs, ces combats sont les plus violents que la région ait connus depuis plus d'un an.",
    "Les médecins de l'hôpital principal disent manquer de sang, d'anesthésiants et d'électricité.",
    "La coalition de l'opposition a annoncé qu'elle ne participerait pas aux pourparlers tant que les "
    "bombardements continueraient.",
    "Un convoi de {n} camions transportant des médicaments est arrivé {day} dans la banlieue nord, a indiqué la "
    "Croix-Rouge.",
    "Des techniciens ont commencé à réparer la ligne électrique coupée pendant les affrontements.",
]


def make_article(i: int, rng: random.Random, words: int = 500) -> dict[str, str]:
    """One article of about ``words`` words, English or French, from shuffled templates with drawn slots."""
    french = i % 2 == 1
    templates, places, days = (FR, FR_PLACES, FR_DAYS) if french else (EN, EN_PLACES, EN_DAYS)
    place = rng.choice(places)
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        template = rng.choice(templates)
        sentences.append(template.format(place=place, day=rng.choice(days), n=rng.randint(2, 90),
                                         m=rng.randint(100, 4000)))
    paragraphs = [" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4)]
    title = (f"Combats à {place}" if french else f"Fighting in {place}") + f" ({i})"
    return {"id": f"bench-{i}", "text": title + "\n\n" + "\n\n".join(paragraphs), "published": "2016-12-09",
            "language": "fr" if french else "en"}


def write_corpus(path: Path, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    articles = [make_article(i, rng) for i in range(n)]
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return int(statistics.median(len(a["text"].split()) for a in articles))


def child(corpus: str, db: str, workers: int) -> None:
    """Run in the child process: one ingest, then its figures as JSON on stdout."""
    from sitrep.cli.main import main as sitrep

    started = time.perf_counter()
    status = sitrep(["ingest", corpus, "--db", db, "--workers", str(workers), "--no-progress"])
    seconds = time.perf_counter() - started
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    print(json.dumps({"status": status, "seconds": seconds, "cpu": cpu, "main_mb": me.ru_maxrss / 1024,
                      "worker_mb": kids.ru_maxrss / 1024}))


def busy_seconds() -> float:
    """CPU seconds the whole machine has been busy since boot (0 where /proc/stat is missing)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def measure(corpus: Path, workers: int, tmp: Path, run: int) -> dict[str, float]:
    db = tmp / f"store-{corpus.stem}-{workers}-{run}.duckdb"
    busy, started = busy_seconds(), time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(db), str(workers)],
                         capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    others = busy_seconds() - busy - figures["cpu"]
    figures["other_cpus"] = max(0.0, others) / (time.perf_counter() - started)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40, help="n: runs are made on n and 2n articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", default="1,2", help="worker counts to measure, comma-separated")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        small, large = tmp / "small.jsonl", tmp / "large.jsonl"
        words = write_corpus(small, args.articles)
        write_corpus(large, 2 * args.articles)
        measure(small, 1, tmp, -1)  # warm-up: the models' files into the page cache
        rows = []
        for workers in counts:
            t_small: list[float] = []
            t_large: list[float] = []
            cpu_small: list[float] = []
            cpu_large: list[float] = []
            main_mb: list[float] = []
            worker_mb: list[float] = []
            other: list[float] = []
            for run in range(args.repeat):
                for corpus, times, cpu in ((small, t_small, cpu_small), (large, t_large, cpu_large)):
                    figures = measure(corpus, workers, tmp, run)
                    times.append(figures["seconds"])
                    cpu.append(figures["cpu"])
                    other.append(figures["other_cpus"])
                    main_mb.append(figures["main_mb"])
                    worker_mb.append(figures["worker_mb"] if workers > 1 else figures["main_mb"])
            extra = statistics.median(t_large) - statistics.median(t_small)
            steady = args.articles / extra if extra > 0 else float("nan")  # nan: too noisy, raise --articles
            cpu_per_article = (statistics.median(cpu_large) - statistics.median(cpu_small)) / args.articles
            rows.append((workers, 2 * args.articles / statistics.median(t_large), steady,
                         statistics.median(t_large), cpu_per_article, max(main_mb), max(worker_mb),
                         statistics.median(other)))
    print(f"{args.articles} and {2 * args.articles} articles (median {words} words, English and French), "
          f"every stage, {args.repeat} runs each, medians; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at the end (other processes share the CPUs)")
    print(f"{'workers':>7} {'end-to-end art/s':>17} {'steady art/s':>13} {'wall s (2n)':>12} "
          f"{'CPU s/article':>14} {'main peak MB':>13} {'worker peak MB':>15} {'CPUs busy elsewhere':>20}")
    for workers, e2e, steady, wall, cpu_, main_mb_, worker_mb_, other_ in rows:
        print(f"{workers:>7} {e2e:>17.2f} {steady:>13.2f} {wall:>12.1f} {cpu_:>14.3f} {main_mb_:>13.0f} "
              f"{worker_mb_:>15.0f} {other_:>20.2f}")
    by_workers = {r[0]: r for r in rows}
    if 1 in by_workers and 2 in by_workers:
        print(f"2-worker/1-worker ratio (steady): {by_workers[2][2] / by_workers[1][2]:.2f}; "
              f"end-to-end: {by_workers[2][1] / by_workers[1][1]:.2f}")


if __name__ == "__main__":
    main()
